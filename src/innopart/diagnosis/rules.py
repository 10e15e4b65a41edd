import rules

from innopart.accounts.rules import is_agency_adviser, is_analyst, is_observer, is_programme_manager

# Analysts and the ministry write diagnoses; a published one is public, a draft only theirs to see.
can_edit = is_analyst | is_programme_manager
rules.add_perm("diagnosis.edit", can_edit)

# The stress test is the ministry's self-assessment: analysts and the ministry answer it; advisers and observers read.
rules.add_perm("diagnosis.answer_stress_test", can_edit)
rules.add_perm("diagnosis.view_stress_test", can_edit | is_agency_adviser | is_observer)
