"""The programme roadmap as the briefing's Table 2 states it (actions, timing, owner and content)."""

from django.db import migrations

TABLE_2 = [
    (
        "Decision on focus fields for first Partnerships",
        "Autumn 2019",
        "Ministry of the Economy and Innovation, taking into account the results of the ongoing digitalisation "
        "strategy and the outcomes of the high impact action \u201cCircular Economy Strategy\u201d",
    ),
    (
        "Announcement of competition and publication of the competition conditions",
        "End of 2019",
        "Ministry of the Economy and Innovation drafts the conditions in co-operation with other ministries or other "
        "relevant public bodies like Invest Lithuania. The conditions of the competition are published on the web "
        "and introduced at several stakeholder events that are also useful for matchmaking.",
    ),
    (
        "Deadline for applications",
        "Early Summer 2020",
        "Ministry of the Economy and Innovation and clusters, research institutions and companies form the "
        "Partnerships. A prolonged process of building and developing the Partnerships and the applications will be "
        "needed and the Ministry should provide the necessary support (potentially via MITA or LIC) if and where "
        "needed.",
    ),
    (
        "Award of partnerships",
        "Autumn 2020",
        "Ministry of the Economy and Innovation and other contributing departments should provide a transparent "
        "award decision pointing out also to bidders that were not awarded how their bid needs to be improved to be "
        "successful next time.",
    ),
    (
        "Appointment of coordinator",
        "Autumn 2020",
        "Together with the Partnerships, the Ministry of the Economy and Innovation needs to appoint a suitable "
        "coordinator organisation.",
    ),
    (
        "Starting phase",
        "Autumn 2020 to Autumn 2021",
        "Partnerships (and especially their co-ordinators) will be building up the organisational structure of the "
        "Partnerships. The Ministry of the Economy and Innovation will build up the governance and monitoring "
        "structure and support the Partnerships to build up the needed contacts with other public authorities.",
    ),
    (
        "Delivery phase",
        "From Autumn 2021",
        "The Partnerships will develop and deliver innovation projects to deliver the relevant strategic goals. The "
        "Ministry of the Economy and Innovation will be monitoring the process and supporting it on an ad hoc basis.",
    ),
]


def seed(apps, schema_editor):
    RoadmapItem = apps.get_model("partnerships", "RoadmapItem")
    for order, (action, timing, owner) in enumerate(TABLE_2, start=1):
        RoadmapItem.objects.create(order=order, action=action, timing=timing, owner=owner)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
