"""Housing supply against demand: the homes and plots per village, what each target segment
looks for, and the gaps between them."""
