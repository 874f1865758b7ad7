"""The initiatives' models now belong to the initiatives app; their tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0004_initiative_form_token'),
        ('initiatives', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='progressupdate',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='milestone',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='milestone',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='project',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='recipient',
                ),
                migrations.RemoveField(
                    model_name='progressupdate',
                    name='author',
                ),
                migrations.DeleteModel(
                    name='Initiative',
                ),
                migrations.DeleteModel(
                    name='Milestone',
                ),
                migrations.DeleteModel(
                    name='Notification',
                ),
                migrations.DeleteModel(
                    name='ProgressUpdate',
                ),
            ],
            database_operations=[],
        ),
    ]
