"""The fact base: import and validate move registers, and analyse them (no Django here)."""
