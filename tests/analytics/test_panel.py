import numpy as np
import pandas as pd
import pytest

from innopart.analytics.composite import CompositeError, example
from innopart.analytics.composite.panel import Panel


def panel_data():
    """Two years of the ASEM data: 2019 is 2018 plus 10%, with one value missing in 2019."""
    idata, imeta = example()
    later = idata.copy()
    indicators = imeta.loc[imeta["Type"] == "Indicator", "iCode"].tolist()
    later[indicators] = later[indicators] * 1.1
    later["Time"] = 2019
    later.loc[later["uCode"] == "AUT", "LPI"] = np.nan
    return pd.concat([idata, later], ignore_index=True), imeta


def test_latest_year_imputation_takes_the_previous_year():
    idata, imeta = panel_data()
    panel = Panel.from_coinr(idata, imeta).impute_latest()
    assert panel.years == [2018, 2019]
    filled = panel.coins[2019].dataset("Imputed").loc["AUT", "LPI"]
    assert filled == panel.coins[2018].dataset("Raw").loc["AUT", "LPI"]


def test_global_normalisation_keeps_growth_visible_and_per_year_does_not():
    idata, imeta = panel_data()
    steps = [("impute", {"method": "mean"}), ("normalise", {}), ("aggregate", {})]
    per_year = Panel.from_coinr(idata, imeta).build(steps)
    together = Panel.from_coinr(idata, imeta).build(steps, global_normalise=True)
    growth = together.results().pivot(index="uCode", columns="Time", values="Score")
    flat = per_year.results().pivot(index="uCode", columns="Time", values="Score")
    # Scaling every positive indicator by 1.1 changes nothing within a year, but shows over all years.
    positive = [c for c, d in together.coins[2018].framework.directions.items() if d == 1]
    assert positive
    assert not np.allclose(growth[2018], growth[2019])
    assert np.allclose(flat.loc[flat.index != "AUT", 2018], flat.loc[flat.index != "AUT", 2019], atol=1e-9)


def test_panel_needs_a_time_column():
    idata, imeta = example()
    with pytest.raises(CompositeError, match="'Time' column"):
        Panel.from_coinr(idata.drop(columns=["Time"]), imeta)
