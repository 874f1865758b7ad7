"""The changes to village profiles, the cluster's identity and the stakeholder map."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from samskab.projects import audit
from samskab.projects.models import AuditAction, Project, Village
from samskab.villages.models import ClusterProfile, PlaceResource, Stakeholder, VillageProfile


def profile_of(village: Village) -> VillageProfile:
    """Return the village's profile, unsaved and empty when nobody has written it yet."""
    try:
        return village.profile
    except VillageProfile.DoesNotExist:
        return VillageProfile(village=village)


def cluster_of(project: Project) -> ClusterProfile:
    """Return the project's cluster profile, unsaved and empty when not written yet."""
    try:
        return project.cluster_profile
    except ClusterProfile.DoesNotExist:
        return ClusterProfile(project=project)


@transaction.atomic
def do_save_profile(
    profile: VillageProfile, resources: Mapping[str, str], *, by: AbstractBaseUser
) -> VillageProfile:
    """Save the profile and its place-bound assets: a kind with text is kept, an empty one
    removed."""
    profile.updated_by = by  # type: ignore[assignment]
    profile.save()
    for kind, text in resources.items():
        if text:
            PlaceResource.objects.update_or_create(
                profile=profile, kind=kind, defaults={"description": text}
            )
        else:
            PlaceResource.objects.filter(profile=profile, kind=kind).delete()
    return profile


def do_save_cluster(cluster: ClusterProfile) -> ClusterProfile:
    """Save the cluster's shared identity."""
    cluster.save()
    return cluster


@transaction.atomic
def do_save_stakeholder(
    stakeholder: Stakeholder, *, actor: AbstractBaseUser | None = None
) -> Stakeholder:
    """Add a stakeholder to the map or save its changes (a stakeholder may be a person: the
    project's audit log records who did it)."""
    stakeholder.save()
    audit.record(stakeholder.project, actor, AuditAction.STAKEHOLDER_SAVED, stakeholder.name)
    return stakeholder


@transaction.atomic
def do_remove_stakeholder(
    stakeholder: Stakeholder, *, actor: AbstractBaseUser | None = None
) -> None:
    """Take a stakeholder off the map, recorded in the project's audit log."""
    audit.record(stakeholder.project, actor, AuditAction.STAKEHOLDER_REMOVED, stakeholder.name)
    stakeholder.delete()
