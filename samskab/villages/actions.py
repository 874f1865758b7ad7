"""The changes to village profiles, the cluster's identity and the stakeholder map."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from samskab.projects.models import Project, Village
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


def do_save_stakeholder(stakeholder: Stakeholder) -> Stakeholder:
    """Add a stakeholder to the map or save its changes."""
    stakeholder.save()
    return stakeholder


def do_remove_stakeholder(stakeholder: Stakeholder) -> None:
    """Take a stakeholder off the map."""
    stakeholder.delete()
