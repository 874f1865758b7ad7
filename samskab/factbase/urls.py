from django.urls import path

from samskab.factbase import present, trend_views, upload_views, views, where_views

app_name = "factbase"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("map/", views.area_map, name="map"),
    path("flows/", views.flow_lists, name="flows"),
    path("population/", views.population, name="population"),
    path("trends/", trend_views.over_time, name="trends"),
    path("where/", where_views.where_page, name="where"),
    path("where/outlines/", where_views.upload_outlines, name="where_outlines"),
    path("csv/<slug:slug>/", views.figure_csv, name="csv"),
    path("data/", upload_views.upload, name="upload"),
    path("data/demo/", upload_views.use_demo, name="use_demo"),
    path("data/imports/<int:dataset_id>/", upload_views.import_status, name="import"),
    path("data/statbank/", upload_views.statbank, name="statbank"),
    path("present/", present.present, name="present"),
    path("present/<int:number>/", present.present, name="present_slide"),
]
