"""Village and cluster profiles, and the project's stakeholder map."""
