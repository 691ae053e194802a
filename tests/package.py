"""The classes defined in the package, found by importing every module (pkgutil + inspect)."""

import importlib
import inspect
import pkgutil

import coorace_desktop

# Alembic runs the migration scripts itself; __main__ starts the command line when imported.
NOT_IMPORTABLE = ("coorace_desktop.storage.migrations.", "coorace_desktop.__main__")


def defined_classes(base: type) -> list[type]:
    """Every subclass of `base` defined in a module of coorace_desktop, in module order."""
    found = []
    for module_info in pkgutil.walk_packages(coorace_desktop.__path__, "coorace_desktop."):
        if module_info.name.startswith(NOT_IMPORTABLE):
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == module.__name__:
                found.append(cls)
    return found
