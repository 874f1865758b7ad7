"""Every project has its four workshops with their checklists and its workshop settings, made
when the project is made; projects from before get theirs here (pages no longer make them)."""

from django.db import migrations


def set_up(apps, schema_editor):
    from samskab.workshops.attention import POINTS

    Project = apps.get_model("projects", "Project")
    Workshop = apps.get_model("workshops", "Workshop")
    AttentionPoint = apps.get_model("workshops", "AttentionPoint")
    WorkshopSettings = apps.get_model("workshops", "WorkshopSettings")
    for project in Project.objects.all():
        Workshop.objects.bulk_create(
            [Workshop(project=project, number=number) for number in (1, 2, 3, 4)],
            ignore_conflicts=True,
        )
        workshops = list(Workshop.objects.filter(project=project))
        AttentionPoint.objects.bulk_create(
            [AttentionPoint(workshop=w, key=p.key) for w in workshops for p in POINTS[w.number]],
            ignore_conflicts=True,
        )
        WorkshopSettings.objects.get_or_create(project=project)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_audit_personal_data"),
        ("workshops", "0006_ideas_move_out"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
