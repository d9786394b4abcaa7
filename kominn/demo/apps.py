from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content as data files and the loader that creates it; no models of its own."""

    name = "kominn.demo"
    label = "demo"
