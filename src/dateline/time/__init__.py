"""The time stage: dates and times (TIMEX3)."""
