import rules

from innopart.accounts.rules import is_observer, is_programme_manager

# The ministry runs the selection; an independent observer follows it, reading everything and changing nothing.
rules.add_perm("evaluation.follow", is_programme_manager | is_observer)
