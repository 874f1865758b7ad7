"""Who may do what in a project, written out by hand: the role × permission matrix, the phase
rules, and every URL of the URL conf against every persona, by GET and by POST.

Nothing here asks `rules` what to expect: a change to a role's permissions, or a view without
an access rule, fails these tests until the tables below are changed on purpose.
"""

from __future__ import annotations

from django.urls import reverse

from samskab.factbase.models import FactDataset
from samskab.projects import rules
from samskab.projects.models import Role
from samskab.workshops.models import Workshop

from .segmentation_fixtures import segmented_fixture, survey_file_fixture  # noqa: F401
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401
from .url_access import (  # noqa: F401  (fixtures)
    METHODS,
    PERSONAS,
    Visitor,
    differences,
    every_route,
    persona_project_fixture,
    read_table,
    world_fixture,
)
from .workshops_fixtures import activate

ROLES = (Role.FACILITATOR, Role.CONTACT, Role.VILLAGE_REPRESENTATIVE, Role.PARTICIPANT,
         Role.EXPERT, Role.OBSERVER)  # fmt: skip

# Which role holds which permission at any time (x: holds it).
ROLE_PERMISSIONS = """
#                             fac con vil par exp obs
view_project                   x   x   x   x   x   x
view_facts                     x   x   x   x   x   x
view_exact_facts               x   .   .   .   .   .
manage_facts                   x   .   .   .   .   .
present                        x   x   .   .   .   .
view_members                   x   x   x   x   x   .
view_member_addresses          x   x   .   .   .   .
manage_members                 x   .   .   .   .   .
edit_project                   x   .   .   .   .   .
copy_project                   x   .   .   .   .   .
view_audit                     x   .   .   .   .   .
view_workshops                 x   x   x   x   x   x
manage_workshops               x   .   .   .   .   .
edit_ideas                     x   .   .   .   .   .
enter_paper_scores             x   .   .   .   .   .
export_scores                  x   x   .   .   .   .
edit_expectations              x   .   .   .   .   .
edit_own_village_commitment    .   .   x   .   .   .
manage_initiatives             x   .   .   .   .   .
view_segments                  x   x   x   x   x   x
manage_segments                x   .   .   .   .   .
answer_evaluation              x   x   x   x   x   .
manage_evaluation              x   .   .   .   .   .
publish_handbook               x   .   .   .   .   .
edit_village_profiles          x   .   .   .   .   .
edit_own_village_profile       .   .   x   .   .   .
view_stakeholders              x   x   x   x   x   .
manage_stakeholders            x   x   .   .   .   .
view_housing                   x   x   x   x   x   x
manage_housing                 x   x   .   .   .   .
add_housing_note               x   .   .   .   x   .
manage_marketing               x   x   .   .   .   .
manage_welcome                 x   .   .   .   .   .
host_welcome_visits            x   .   x   x   .   .
"""

# Which role holds which permission only while that workshop is the active one.
PHASE_PERMISSIONS = """
#                    workshop  fac con vil par exp obs
add_idea                 2      x   x   x   x   x   .
edit_own_idea            2      x   x   x   x   x   .
score_idea               3      x   x   x   x   x   .
create_initiative        4      x   x   x   .   .   .
follow_up                4      x   x   x   x   x   .
edit_own_initiative      4      x   x   x   x   x   .
"""


def test_each_role_holds_exactly_the_permissions_of_the_matrix():
    matrix = read_table(ROLE_PERMISSIONS, len(ROLES))
    for column, role in enumerate(ROLES):
        held = {perm for (perm,), marks in matrix.items() if marks[column] == "x"}
        assert rules.PERMISSIONS[role] == held, role


def test_each_workshop_grants_exactly_the_phase_permissions_of_the_matrix():
    granted: dict[int, dict[str, frozenset[str]]] = {1: {}, 2: {}, 3: {}, 4: {}}
    for (perm, number), marks in read_table(PHASE_PERMISSIONS, len(ROLES)).items():
        roles = frozenset(role for role, mark in zip(ROLES, marks, strict=True) if mark == "x")
        granted[int(number)][perm] = roles
    assert granted == rules.PHASE_PERMISSIONS


# Every URL pattern of the URL conf, called with no data by each persona: GET, then POST.
# The persona project has W4 (the follow-up) active, its fact base and its segments; the
# village representative represents Hoven; the initiative is owned by the participant and by
# Hoven, with the contact person as its municipal contact.
# 200 …: that status; 302: redirected (done, or elsewhere); in: sent to sign in.
ACCESS = """
#                                             GET                                POST
#                                             fac con vil par exp obs out ano   fac con vil par exp obs out ano
# Pages of no project: open to everyone, or to whoever is signed in (the invitation, to ny@,
# is for none of them)
home                                          302 302 302 302 302 302 302 in   302 302 302 302 302 302 302 in
accessibility                                 200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
data_contract                                 200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
accounts:login                                302 302 302 302 302 302 302 200  302 302 302 302 302 302 302 200
accounts:logout                               405 405 405 405 405 405 405 405  in  in  in  in  in  in  in  in
accounts:password_reset                       200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
accounts:password_reset_done                  200 200 200 200 200 200 200 200  405 405 405 405 405 405 405 405
accounts:password_reset_confirm               200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
accounts:password_reset_complete              200 200 200 200 200 200 200 200  405 405 405 405 405 405 405 405
accounts:invitation                           403 403 403 403 403 403 403 200  403 403 403 403 403 403 403 200
accounts:password_change                      200 200 200 200 200 200 200 in   200 200 200 200 200 200 200 in
accounts:my_data                              200 200 200 200 200 200 200 in   200 200 200 200 200 200 200 in
accounts:my_data_json                         200 200 200 200 200 200 200 in   405 405 405 405 405 405 405 405
accounts:password_change_done                 200 200 200 200 200 200 200 in   405 405 405 405 405 405 405 in
accounts:set_language                         405 405 405 405 405 405 405 405  302 302 302 302 302 302 302 302
# Projects: members by role, an outsider 404 (the project is not revealed)
projects:list                                 200 200 200 200 200 200 200 in   200 200 200 200 200 200 200 in
projects:create                               200 403 403 403 403 403 200 in   200 403 403 403 403 403 200 in
projects:detail                               200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
projects:copy                                 200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
projects:audit                                200 403 403 403 403 403 404 in   405 405 405 405 405 405 405 405
projects:edit                                 200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
projects:logo                                 405 405 405 405 405 405 405 405  200 403 403 403 403 403 404 in
projects:logo_image                           200 200 200 200 200 200 404 in   405 405 405 405 405 405 405 405
projects:village_add                          200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
projects:village_edit                         200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
accounts:members                              200 200 200 200 200 403 404 in   200 403 403 403 403 403 404 in
# A member's data (the participant's, who takes part in this project only): the facilitator's
accounts:member_data_json                     200 403 403 403 403 403 404 in   405 405 405 405 405 405 405 405
accounts:delete_member                        200 403 403 403 403 403 404 in   302 403 403 403 403 403 404 in
projects:change_role                          405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
# The fact base
factbase:overview                             200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
factbase:map                                  200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
factbase:flows                                200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
factbase:population                           200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
factbase:trends                               200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
factbase:where                                200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
factbase:where_outlines                       405 403 403 403 403 403 404 in   302 403 403 403 403 403 404 in
factbase:csv                                  200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
factbase:upload                               200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
factbase:use_demo                             405 403 403 403 403 403 404 in   302 403 403 403 403 403 404 in
factbase:import                               200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
factbase:statbank                             200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
factbase:present                              200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
factbase:present_slide                        200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
# The workshops (W4 active; the phase rules have their own table below)
workshops:overview                            200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
workshops:edit                                200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
workshops:settings                            200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
workshops:activate                            405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
workshops:set_point                           405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
ideas:list                                    200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
ideas:add                                     200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
ideas:detail                                  200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
ideas:edit                                    200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
ideas:withdraw                                405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
ideas:comment                                 405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
ideas:merge                                   405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
ideas:score                                   403 403 403 403 403 403 404 in   403 403 403 403 403 403 404 in
ideas:paper                                   200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
ideas:paper_sheet                             200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
ideas:results                                 200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
ideas:results_live                            200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
ideas:ranking_csv                             200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
ideas:scores_csv                              200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
ideas:results_xlsx                            200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
workshops:expectations                        200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
workshops:edit_municipal                      200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
workshops:edit_village                        200 403 200 403 403 403 404 in   200 403 200 403 403 403 404 in
initiatives:dashboard                         200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
events:list                                   200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
initiatives:create                            200 200 200 403 403 403 404 in   200 200 200 403 403 403 404 in
initiatives:detail                            200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
initiatives:edit                              200 200 200 200 403 403 404 in   200 200 200 200 403 403 404 in
initiatives:post_update                       405 405 405 405 405 405 405 405  302 302 302 302 403 403 404 in
initiatives:set_status                        405 405 405 405 405 405 405 405  302 302 302 302 403 403 404 in
initiatives:record_outcome                    405 405 405 405 405 405 405 405  302 302 302 302 403 403 404 in
initiatives:add_milestone                     405 405 405 405 405 405 405 405  302 302 302 302 403 403 404 in
initiatives:set_milestone                     405 405 405 405 405 405 405 405  302 302 302 302 403 403 404 in
initiatives:notifications                     200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
initiatives:mark_read                         405 405 405 405 405 405 405 405  302 302 302 302 302 302 404 in
# Segments
segmentation:overview                         200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
segmentation:names                            405 405 405 405 405 405 405 in   302 403 403 403 403 403 404 in
segmentation:csv                              200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
segmentation:surveys                          200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
segmentation:codebook                         200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
segmentation:start_fit                        405 405 405 405 405 405 405 in   400 403 403 403 403 403 404 in
segmentation:fit                              200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
segmentation:choose                           405 405 405 405 405 405 405 in   302 403 403 403 403 403 404 in
# The evaluation (a round is open, asked of every member but the observer; the personal link
# is the participant's and needs no sign-in)
evaluation:overview                           200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
evaluation:open_round                         405 405 405 405 405 405 405 405  200 403 403 403 403 403 404 in
evaluation:answer                             200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
evaluation:summary                            200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
evaluation:answer_mine                        200 200 200 200 200 403 404 in   200 200 200 200 200 403 404 in
evaluation:summary_csv                        200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
evaluation:before_after                       200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
# Village profiles: every member sees them; the facilitator writes any village's, the village
# representative Hoven's (their own); the stakeholder map is the contributors', kept by the
# facilitator and the contact person
villages:list                                 200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
villages:cluster                              200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
villages:stakeholders                         200 200 200 200 200 403 404 in   200 200 403 403 403 403 404 in
villages:stakeholder_edit                     200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
villages:stakeholder_remove                   405 405 405 405 405 405 405 405  302 302 403 403 403 403 404 in
villages:profile                              200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
villages:edit                                 200 403 200 403 403 403 404 in   200 403 200 403 403 403 404 in
# Housing: every member sees the register, the demand and the gaps; the facilitator and the
# contact person keep them; the facilitator and the expert write notes on what buyers ask for
housing:register                              200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
housing:home_add                              200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
housing:home_edit                             200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
housing:home_remove                           405 405 405 405 405 405 405 405  302 302 403 403 403 403 404 in
housing:import                                200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
housing:bbr                                   200 200 200 200 200 200 404 in   200 200 403 403 403 403 404 in
housing:add_note                              405 405 405 405 405 405 405 405  302 403 403 403 302 403 404 in
housing:demand                                200 200 200 200 200 200 404 in   200 200 403 403 403 403 404 in
housing:demand_from_survey                    200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
housing:demand_edit                           200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
housing:demand_remove                         405 405 405 405 405 405 405 405  302 302 403 403 403 403 404 in
housing:match                                 200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
housing:gap_idea                              405 405 405 405 405 405 405 405  302 302 403 403 403 403 404 in
# Marketing: every member reads the plan and its briefs; the facilitator and the contact
# person write it
marketing:plan                                200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
marketing:add                                 200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
marketing:edit                                200 200 403 403 403 403 404 in   200 200 403 403 403 403 404 in
marketing:remove                              405 405 405 405 405 405 405 405  302 302 403 403 403 403 404 in
marketing:brief                               200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
marketing:brief_pdf                           200 200 200 200 200 200 404 in   200 200 200 200 200 200 404 in
handbook:page                                 200 200 200 200 200 200 404 in   400 403 403 403 403 403 404 in
handbook:download                             404 404 404 404 404 404 404 in   404 404 404 404 404 404 404 in
handbook:consent                              405 405 405 405 405 405 405 in   302 302 302 302 302 302 404 in
handbook:lessons                              405 405 405 405 405 405 405 in   302 403 403 403 403 403 404 in
# Welcome (the representative is the host of the one newcomer; the participant may host but
# is the host of no one, so the newcomer is not found for them)
welcome:overview                              200 403 200 200 403 403 404 in   405 405 405 405 405 405 405 405
welcome:publish                               405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
welcome:channels                              200 403 403 403 403 403 404 in   302 403 403 403 403 403 404 in
welcome:assign_host                           405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
welcome:record_visit                          405 405 405 405 405 405 405 405  302 403 302 404 403 403 404 in
welcome:protect                               405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
welcome:forget                                405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
welcome:export                                200 403 403 403 403 403 404 in   405 405 405 405 405 405 405 405
welcome:former_residents                      200 403 403 403 403 403 404 in   405 405 405 405 405 405 405 405
welcome:sign_up_for                           200 403 200 200 403 403 404 in   200 403 200 200 403 403 404 in
welcome:letters                               200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
welcome:processing                            200 403 403 403 403 403 404 in   405 405 405 405 405 405 405 405
welcome:events                                200 403 403 403 403 403 404 in   200 403 403 403 403 403 404 in
welcome:event                                 200 403 403 403 403 403 404 in   405 405 405 405 405 405 405 405
welcome:invite                                405 405 405 405 405 405 405 405  302 403 403 403 403 403 404 in
# A village's public page and a person's own link: open to everyone, no sign-in
welcome_public:my_data                        200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
welcome_public:my_data_file                   200 200 200 200 200 200 200 200  405 405 405 405 405 405 405 405
welcome_public:invitation                     200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
welcome_public:confirm                        200 200 200 200 200 200 200 200  200 200 200 200 200 200 200 200
welcome_public:village_page                   200 200 200 200 200 200 200 200  405 405 405 405 405 405 405 405
welcome_public:sign_up_newcomer               405 405 405 405 405 405 405 405  200 200 200 200 200 200 200 200
welcome_public:sign_up_former                 405 405 405 405 405 405 405 405  200 200 200 200 200 200 200 200
# Django's admin: staff accounts only (here the facilitator and the outsider), and
# they have no model permissions: every model page is refused
admin:index                                   200 in  in  in  in  in  200 in   200 in  in  in  in  in  200 in
admin:login                                   302 200 200 200 200 200 302 200  200 200 200 200 200 200 200 200
admin:logout                                  405 302 302 302 302 302 405 302  in  302 302 302 302 302 in  302
admin:password_change                         200 in  in  in  in  in  200 in   200 in  in  in  in  in  200 in
admin:password_change_done                    200 in  in  in  in  in  200 in   405 in  in  in  in  in  405 in
admin:autocomplete                            403 in  in  in  in  in  403 in   405 in  in  in  in  in  405 in
admin:jsi18n                                  200 in  in  in  in  in  200 in   405 in  in  in  in  in  405 in
admin:view_on_site                            302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:auth_group_changelist                   403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_group_add                          403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_group_history                      403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_group_delete                       403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_group_change                       403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/auth/group/<path:object_id>/            302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:auth_user_password_change               403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_user_changelist                    403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_user_add                           403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_user_history                       403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_user_delete                        403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:auth_user_change                        403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/auth/user/<path:object_id>/             302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:projects_project_changelist             403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_project_add                    403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_project_history                403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_project_delete                 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_project_change                 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/projects/project/<path:object_id>/      302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:projects_municipality_changelist        403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_municipality_add               403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_municipality_history           403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_municipality_delete            403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_municipality_change            403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/projects/municipality/<path:object_id>/ 302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:projects_area_changelist                403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_area_add                       403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_area_history                   403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_area_delete                    403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_area_change                    403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/projects/area/<path:object_id>/         302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:projects_village_changelist             403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_village_add                    403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_village_history                403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_village_delete                 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:projects_village_change                 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/projects/village/<path:object_id>/      302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:axes_accessattempt_changelist           403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessattempt_add                  403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessattempt_history              403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessattempt_delete               403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessattempt_change               403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/axes/accessattempt/<path:object_id>/    302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:axes_accesslog_changelist               403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accesslog_add                      403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accesslog_history                  403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accesslog_delete                   403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accesslog_change                   403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/axes/accesslog/<path:object_id>/        302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:axes_accessfailurelog_changelist        403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessfailurelog_add               403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessfailurelog_history           403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessfailurelog_delete            403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:axes_accessfailurelog_change            403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/axes/accessfailurelog/<path:object_id>/ 302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:django_tasks_database_dbtaskresult_changelist 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:django_tasks_database_dbtaskresult_add  403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:django_tasks_database_dbtaskresult_history 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:django_tasks_database_dbtaskresult_delete 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin:django_tasks_database_dbtaskresult_change 403 in  in  in  in  in  403 in   403 in  in  in  in  in  403 in
admin/django_tasks_database/dbtaskresult/<path:object_id>/ 302 in  in  in  in  in  302 in   302 in  in  in  in  in  302 in
admin:app_list                                404 in  in  in  in  in  404 in   404 in  in  in  in  in  404 in
admin/(?P<url>.*)$                            404 in  in  in  in  in  404 in   404 in  in  in  in  in  404 in
"""


def test_every_url_answers_every_persona_as_the_table_says(world, monkeypatch):
    # Who may import the demo data is the question here, not the import (seconds of work).
    imported = FactDataset.objects.get(pk=world.values["dataset_id"])
    monkeypatch.setattr("samskab.factbase.upload_views.start_import_demo", lambda *a, **k: imported)
    visitors = [Visitor(world.people[persona]) for persona in PERSONAS]
    actual = {}
    for route in every_route():
        path = world.path(route)
        outcomes = [visitor.outcome(method, path) for method in METHODS for visitor in visitors]
        actual[(route.key,)] = tuple(outcomes)
    wrong = differences(actual, read_table(ACCESS, 2 * len(PERSONAS)))
    assert not wrong, "\n".join(["", *wrong])


# The URLs whose access changes with the active workshop (-: none active), for the members.
PHASE_ACCESS = """
#                                    workshop  fac con vil par exp obs
ideas:add                    GET        -      200 403 403 403 403 403
ideas:add                    GET        1      200 403 403 403 403 403
ideas:add                    GET        2      200 200 200 200 200 403
ideas:add                    GET        3      200 403 403 403 403 403
ideas:add                    GET        4      200 403 403 403 403 403
ideas:score                  GET        -      403 403 403 403 403 403
ideas:score                  GET        1      403 403 403 403 403 403
ideas:score                  GET        2      403 403 403 403 403 403
ideas:score                  GET        3      200 200 200 200 200 403
ideas:score                  GET        4      403 403 403 403 403 403
initiatives:create           GET        -      200 403 403 403 403 403
initiatives:create           GET        1      200 403 403 403 403 403
initiatives:create           GET        2      200 403 403 403 403 403
initiatives:create           GET        3      200 403 403 403 403 403
initiatives:create           GET        4      200 200 200 403 403 403
initiatives:edit             GET        -      200 403 403 403 403 403
initiatives:edit             GET        1      200 403 403 403 403 403
initiatives:edit             GET        2      200 403 403 403 403 403
initiatives:edit             GET        3      200 403 403 403 403 403
initiatives:edit             GET        4      200 200 200 200 403 403
initiatives:post_update      POST       -      302 403 403 403 403 403
initiatives:post_update      POST       1      302 403 403 403 403 403
initiatives:post_update      POST       2      302 403 403 403 403 403
initiatives:post_update      POST       3      302 403 403 403 403 403
initiatives:post_update      POST       4      302 302 302 302 403 403
initiatives:set_status       POST       -      302 403 403 403 403 403
initiatives:set_status       POST       1      302 403 403 403 403 403
initiatives:set_status       POST       2      302 403 403 403 403 403
initiatives:set_status       POST       3      302 403 403 403 403 403
initiatives:set_status       POST       4      302 302 302 302 403 403
initiatives:add_milestone    POST       -      302 403 403 403 403 403
initiatives:add_milestone    POST       1      302 403 403 403 403 403
initiatives:add_milestone    POST       2      302 403 403 403 403 403
initiatives:add_milestone    POST       3      302 403 403 403 403 403
initiatives:add_milestone    POST       4      302 302 302 302 403 403
initiatives:set_milestone    POST       -      302 403 403 403 403 403
initiatives:set_milestone    POST       1      302 403 403 403 403 403
initiatives:set_milestone    POST       2      302 403 403 403 403 403
initiatives:set_milestone    POST       3      302 403 403 403 403 403
initiatives:set_milestone    POST       4      302 302 302 302 403 403
"""


def test_the_phase_urls_answer_each_member_as_the_table_says(persona_project):
    expected = read_table(PHASE_ACCESS, len(ROLES))
    routes = {route.key: route for route in every_route()}
    visitors = [Visitor(persona_project.people[persona]) for persona in PERSONAS[:6]]
    actual = {}
    for phase in ("-", "1", "2", "3", "4"):
        _activate(persona_project.project, phase)
        for name, method, _phase in {key for key in expected if key[2] == phase}:
            path = persona_project.path(routes[name])
            actual[name, method, phase] = tuple(v.outcome(method, path) for v in visitors)
    wrong = differences(actual, expected)
    assert not wrong, "\n".join(["", *wrong])


def _activate(project, phase: str) -> None:
    if phase == "-":
        Workshop.objects.filter(project=project).update(active=False)
    else:
        activate(project, int(phase))


def test_a_project_that_does_not_exist_is_404(client_for, facilitator):
    assert client_for(facilitator).get(reverse("projects:detail", args=[9999])).status_code == 404


def test_the_project_list_shows_only_ones_own_projects(client_for, project, participant, outsider):
    page = client_for(participant).get(reverse("projects:list")).content.decode()
    assert project.name in page and "Andet" not in page
