import rules

from innopart.accounts.rules import is_agency_adviser, is_analyst, is_programme_manager

# Analysts and the ministry load statistics; everyone may read them.
rules.add_perm("observatory.import_data", is_analyst | is_programme_manager)
# The index specification decides what the public reads as evidence: analysts only.
rules.add_perm("observatory.edit_index", is_analyst)
# Anyone who analyses regions for the programme may define their own peer groups.
rules.add_perm("observatory.define_peer_group", is_analyst | is_programme_manager | is_agency_adviser)
