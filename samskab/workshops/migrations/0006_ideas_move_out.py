"""The ideas' models now belong to the ideas app; their tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0002_alter_initiative_idea'),
        ('workshops', '0005_initiatives_move_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='ideacomment',
                    name='idea',
                ),
                migrations.RemoveField(
                    model_name='score',
                    name='idea',
                ),
                migrations.RemoveField(
                    model_name='ideacomment',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='score',
                    name='entered_by',
                ),
                migrations.RemoveField(
                    model_name='score',
                    name='participant',
                ),
                migrations.DeleteModel(
                    name='Idea',
                ),
                migrations.DeleteModel(
                    name='IdeaComment',
                ),
                migrations.DeleteModel(
                    name='Score',
                ),
            ],
            database_operations=[],
        ),
    ]
