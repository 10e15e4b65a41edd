"""The time zones a call or an event may be held in: the programme's region, Brussels, and UTC. A deadline or an
event's slots are kept as moments and shown as the clock reads them in their own zone (templatetags/zoned.py)."""

TIME_ZONES = ["Europe/Vilnius", "Europe/Brussels", "Europe/Riga", "Europe/Tallinn", "Europe/Warsaw", "UTC"]
