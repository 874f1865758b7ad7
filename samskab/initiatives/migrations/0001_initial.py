"""The initiatives, their milestones, progress updates and notifications move here from the
workshops app: the models only (their tables keep their names), the content types with their
permissions, and the queued follow-up jobs, which name the task by its new dotted path."""

import django.db.models.deletion
import samskab.core.text
from django.conf import settings
from django.db import migrations, models

from samskab.core.app_moves import move_content_types

TASK = "samskab.{}.tasks.send_followup"


def rename_queued_task(apps, schema_editor, *, old="workshops", new="initiatives"):
    """Point the follow-up jobs at the task's new module, so that a queued one runs and the
    worker sees that today's run is queued already."""
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    task_result.objects.filter(task_path=TASK.format(old)).update(task_path=TASK.format(new))


def rename_queued_task_back(apps, schema_editor):
    rename_queued_task(apps, schema_editor, old="initiatives", new="workshops")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('projects', '0002_municipalities'),
        ('workshops', '0004_initiative_form_token'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('django_tasks_database', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Initiative',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, validators=[samskab.core.text.refuse_line_breaks], verbose_name='title')),
                        ('goal', models.TextField(verbose_name='goal')),
                        ('form_token', models.UUIDField(blank=True, editable=False, null=True, unique=True)),
                        ('resources_needed', models.TextField(blank=True, verbose_name='resources needed')),
                        ('resources_promised', models.TextField(blank=True, verbose_name='resources promised')),
                        ('review_date', models.DateField(blank=True, null=True, verbose_name='review date')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('on_track', 'On track'), ('done', 'Done'), ('paused', 'Paused')], default='planned', max_length=20, verbose_name='status')),
                        ('notified_status', models.CharField(blank=True, max_length=20)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('contact', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contact_initiatives', to=settings.AUTH_USER_MODEL, verbose_name='municipal contact person')),
                        ('idea', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='initiatives', to='workshops.idea', verbose_name='idea')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_initiatives', to=settings.AUTH_USER_MODEL, verbose_name='owner (person)')),
                        ('owner_village', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='initiatives', to='projects.village', verbose_name='owner (village)')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='initiatives', to='projects.project')),
                    ],
                    options={
                        'verbose_name': 'initiative',
                        'verbose_name_plural': 'initiatives',
                        'db_table': 'workshops_initiative',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='Milestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, validators=[samskab.core.text.refuse_line_breaks], verbose_name='milestone')),
                        ('due', models.DateField(verbose_name='due')),
                        ('done', models.BooleanField(default=False, verbose_name='done')),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='initiatives.initiative')),
                    ],
                    options={
                        'db_table': 'workshops_milestone',
                        'ordering': ['due', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ProgressUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='progress update')),
                        ('created', models.DateTimeField(db_index=True)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='initiatives.initiative')),
                    ],
                    options={
                        'db_table': 'workshops_progressupdate',
                        'ordering': ['-created'],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('milestone', 'Milestone reminder'), ('review', 'Review reminder'), ('stalled', 'Stalled initiative'), ('status', 'Status changed'), ('digest', 'Weekly overview')], max_length=20)),
                        ('day', models.DateField()),
                        ('key', models.CharField(blank=True, max_length=60)),
                        ('days_left', models.SmallIntegerField(blank=True, null=True)),
                        ('status', models.CharField(blank=True, max_length=20)),
                        ('details', models.JSONField(blank=True, default=dict)),
                        ('read', models.BooleanField(default=False)),
                        ('mail', models.CharField(choices=[('pending', 'Not sent yet'), ('sent', 'Sent'), ('failed', 'Could not be sent'), ('none', 'Not sent by mail')], default='pending', max_length=10)),
                        ('mail_attempts', models.PositiveSmallIntegerField(default=0)),
                        ('mailed', models.DateTimeField(blank=True, null=True)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('initiative', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='initiatives.initiative')),
                        ('milestone', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='initiatives.milestone')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='projects.project')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'workshops_notification',
                        'ordering': ['-day', '-id'],
                        'indexes': [models.Index(fields=['mail', 'day'], name='notification_mail_due')],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'initiative', 'recipient', 'day', 'key'), name='one_notification_a_day'), models.UniqueConstraint(condition=models.Q(('initiative__isnull', True)), fields=('kind', 'project', 'recipient', 'day', 'key'), name='one_project_notification_a_day')],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types(
            ["initiative", "milestone", "progressupdate", "notification"],
            source="workshops",
            target="initiatives",
        ),
        migrations.RunPython(rename_queued_task, rename_queued_task_back),
    ]
