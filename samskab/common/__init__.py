"""What `facts`, `segments` and the web app share, with no Django."""
