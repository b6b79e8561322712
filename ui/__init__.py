"""Dashboard helpers: the only Streamlit-aware code outside `dashboard.py` and `pages/`.

    format.py     Chinese number, unit and period formatting (pure)
    indicators.py indicator metadata, read through one function, with fallbacks (pure)
    queries.py    filters, series building, ledgers, coverage (pure, DataFrame in/out)
    charts.py     Plotly figure builders (pure: DataFrame -> go.Figure, no st.*)
    exports.py    CSV/XLSX bytes, server-side PNG/SVG through kaleido (pure)
    state.py      URL-bound sidebar state shared by every page (st.*)
    data.py       the one module with st.cache_* wrappers around the store (st.*)
    widgets.py    small reusable page pieces: provenance panel, download row (st.*)
"""
