"""The ideas, their comments and the scores move here from the workshops app: the models only
(their tables keep their names), and their content types with their permissions."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from samskab.core.app_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('projects', '0002_municipalities'),
        ('workshops', '0005_initiatives_move_out'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Idea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('theme', models.CharField(choices=[('village_cooperation', 'Village cooperation'), ('co_creation', 'Co-creation'), ('fact_based', 'Fact-based development'), ('housing_supply', 'Housing supply'), ('marketing', 'Marketing')], max_length=30, verbose_name='theme')),
                        ('target_segment', models.CharField(blank=True, max_length=200, verbose_name='target group')),
                        ('latitude', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(-90), django.core.validators.MaxValueValidator(90)], verbose_name='latitude')),
                        ('longitude', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(-180), django.core.validators.MaxValueValidator(180)], verbose_name='longitude')),
                        ('from_paper', models.BooleanField(default=False, verbose_name='typed in from paper')),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                        ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='duplicates', to='ideas.idea', verbose_name='merged into')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ideas', to='projects.project')),
                        ('villages', models.ManyToManyField(blank=True, help_text='Leave empty for an idea shared by all the villages.', related_name='ideas', to='projects.village', verbose_name='villages')),
                    ],
                    options={
                        'verbose_name': 'idea',
                        'verbose_name_plural': 'ideas',
                        'db_table': 'workshops_idea',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='IdeaComment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='comment')),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='ideas.idea')),
                    ],
                    options={
                        'db_table': 'workshops_ideacomment',
                        'ordering': ['created'],
                    },
                ),
                migrations.CreateModel(
                    name='Score',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('difference', models.PositiveSmallIntegerField(verbose_name='Does it make a difference?')),
                        ('manageable', models.PositiveSmallIntegerField(verbose_name='Is it manageable for us?')),
                        ('desire', models.PositiveSmallIntegerField(verbose_name='Do we want to?')),
                        ('updated', models.DateTimeField(auto_now=True, db_index=True)),
                        ('entered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='ideas.idea')),
                        ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'workshops_score',
                        'constraints': [models.UniqueConstraint(fields=('idea', 'participant'), name='one_score_per_idea')],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types(["idea", "ideacomment", "score"], source="workshops", target="ideas"),
    ]
