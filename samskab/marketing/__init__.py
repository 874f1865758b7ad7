"""Targeted marketing: a plan per target group and a one-page brief for whoever designs the
campaign."""
