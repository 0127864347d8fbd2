"""Regional social innovation observatory: data, indicators, geography (no Streamlit here)."""
