"""The actors stage: actors resolved to country, sector and KB entry."""
