"""Innopart: evidence-based cluster and innovation policy in one platform."""
