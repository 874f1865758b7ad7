"""Load the official municipality table (98 municipalities and Christiansø)."""

from django.db import migrations


def load(apps, schema_editor):
    from samskab.facts.municipalities import MUNICIPALITIES

    Municipality = apps.get_model("projects", "Municipality")
    for municipality in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            code=municipality.code, defaults={"name": municipality.name}
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
