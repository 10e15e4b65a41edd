import rules

from innopart.accounts.rules import is_agency_adviser, is_applicant, is_programme_manager

# Support agencies (MITA, LIC) and the ministry run matchmaking events.
rules.add_perm("matchmaking.run_events", is_agency_adviser | is_programme_manager)
# Partner search is between applicants: a juror or an officer asking an applicant for a talk is not matchmaking.
rules.add_perm("matchmaking.contact", is_applicant)
