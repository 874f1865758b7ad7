from django.contrib import admin

from samskab.projects.models import Area, Membership, Municipality, Project, Village


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "status", "start", "end"]
    list_filter = ["status", "municipality"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


admin.site.register(Area)
admin.site.register(Village)
