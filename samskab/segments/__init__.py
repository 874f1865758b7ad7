"""Mover segments from survey data: import with a codebook, latent class models, profiles."""
