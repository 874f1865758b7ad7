"""An initiative's idea now belongs to the ideas app; the column and its table stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0001_initial'),
        ('initiatives', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='initiative',
                    name='idea',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='initiatives', to='ideas.idea', verbose_name='idea'),
                ),
            ],
            database_operations=[],
        ),
    ]
