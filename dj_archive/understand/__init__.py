"""Document understanding: outline, period and date, activity metrics, classification."""
