"""Rendering: Liquid, converters and layouts for one document at a time."""
