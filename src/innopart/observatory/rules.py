import rules

from innopart.accounts.rules import is_analyst, is_programme_manager

# Analysts and the ministry load statistics; everyone may read them.
rules.add_perm("observatory.import_data", is_analyst | is_programme_manager)
