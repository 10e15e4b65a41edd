import rules

from innopart.accounts.rules import is_analyst, is_programme_manager

# Analysts and the ministry write diagnoses; a published one is public, a draft only theirs to see.
can_edit = is_analyst | is_programme_manager
rules.add_perm("diagnosis.edit", can_edit)
