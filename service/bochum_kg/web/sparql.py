"""Placeholder blueprint; replaced by the module's real implementation."""

from flask import Blueprint

blueprint = Blueprint("sparql", __name__)
