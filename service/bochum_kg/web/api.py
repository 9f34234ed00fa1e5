"""Placeholder blueprint; replaced by the module's real implementation."""

from flask import Blueprint

blueprint = Blueprint("api", __name__)
