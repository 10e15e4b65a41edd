# Lithuanian number formats: a (no-break) space groups thousands, as the State Commission of the Lithuanian
# Language recommends (50 300,5); Django's own Lithuanian formats use a full stop. Everything else is Django's.
THOUSAND_SEPARATOR = "\xa0"
