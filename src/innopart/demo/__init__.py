"""Demo data for `innopart demo`: real public bodies and research organisations, invented companies and
clusters (flagged `is_fictional` and labelled on every page), and one published Innovation Partnership
Competition call with six applications, including the briefing's two illustrative partnerships."""
