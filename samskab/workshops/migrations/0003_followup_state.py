"""The follow-up's state: a notification's project, whether its mail went out, digests.

Notifications made before this were recorded as they were mailed: they are marked sent. Their
keys take the new form (the date and the reminder's stage), so nothing is told twice."""

import django.db.models.deletion
import samskab.core.text
from django.conf import settings
from django.db import migrations, models


def _new_key(notification) -> str:  # type: ignore[no-untyped-def]
    stage = "1" if (notification.days_left or 0) <= 1 else "7"
    if notification.kind == "milestone" and notification.milestone is not None:
        return f"m{notification.milestone_id}:{notification.milestone.due.isoformat()}:{stage}"
    review = notification.initiative.review_date
    if notification.kind == "review" and review is not None:
        return f"review:{review.isoformat()}:{stage}"
    return "stalled" if notification.kind == "stalled" else notification.key


def fill_project_and_mail(apps, schema_editor):  # type: ignore[no-untyped-def]
    Notification = apps.get_model("workshops", "Notification")
    found = Notification.objects.select_related("initiative", "milestone")
    for notification in found.iterator():
        notification.project_id = notification.initiative.project_id
        notification.mail, notification.mailed = "sent", notification.created
        notification.key = _new_key(notification)
        notification.save(update_fields=["project", "mail", "mailed", "key"])


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0002_municipalities'),
        ('workshops', '0002_initiatives'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='details',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='notification',
            name='mail',
            field=models.CharField(choices=[('pending', 'Not sent yet'), ('sent', 'Sent'), ('failed', 'Could not be sent'), ('none', 'Not sent by mail')], default='pending', max_length=10),
        ),
        migrations.AddField(
            model_name='notification',
            name='mail_attempts',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='notification',
            name='mailed',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='notification',
            name='project',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='projects.project'),
        ),
        migrations.RunPython(fill_project_and_mail, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='notification',
            name='project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='projects.project'),
        ),
        migrations.AlterField(
            model_name='initiative',
            name='title',
            field=models.CharField(max_length=200, validators=[samskab.core.text.refuse_line_breaks], verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='milestone',
            name='title',
            field=models.CharField(max_length=200, validators=[samskab.core.text.refuse_line_breaks], verbose_name='milestone'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='initiative',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='workshops.initiative'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('milestone', 'Milestone reminder'), ('review', 'Review reminder'), ('stalled', 'Stalled initiative'), ('status', 'Status changed'), ('digest', 'Weekly overview')], max_length=20),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['mail', 'day'], name='notification_mail_due'),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.UniqueConstraint(condition=models.Q(('initiative__isnull', True)), fields=('kind', 'project', 'recipient', 'day', 'key'), name='one_project_notification_a_day'),
        ),
    ]
