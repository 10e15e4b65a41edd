import pandas as pd
import pytest

from innopart.analytics.composite import Coin, CompositeError, DataError, FrameworkError, example

IDATA, IMETA = example()


def _meta(changes):
    meta = IMETA.copy()
    for (code, column), value in changes.items():
        meta.loc[meta["iCode"] == code, column] = value
    return meta


def test_missing_indicator_column_is_named():
    with pytest.raises(DataError, match="missing the column\\(s\\) LPI"):
        Coin.from_coinr(IDATA.drop(columns=["LPI"]), IMETA)


def test_text_in_a_numeric_column_names_unit_and_column():
    data = IDATA.copy().astype({"Ship": object})
    data.loc[data["uCode"] == "AUT", "Ship"] = "n/a"
    with pytest.raises(DataError, match="unit 'AUT', column 'Ship': 'n/a' is not a number"):
        Coin.from_coinr(data, IMETA)


def test_a_cycle_in_the_hierarchy_is_reported_with_its_path():
    meta = IMETA.copy()
    meta.loc[meta["iCode"] == "Index", "Parent"] = "Conn"
    with pytest.raises(FrameworkError, match=r"cycle: .*Conn.*Index|cycle: .*Index.*Conn"):
        Coin.from_coinr(IDATA, meta)


def test_unknown_parent_names_the_row_and_code():
    meta = _meta({("LPI", "Parent"): "Physcal"})
    with pytest.raises(FrameworkError, match=r"iMeta row 2 \(LPI\): parent 'Physcal' is not an aggregate"):
        Coin.from_coinr(IDATA, meta)


def test_all_missing_indicator_is_rejected():
    data = IDATA.copy()
    data["Gas"] = float("nan")
    with pytest.raises(DataError, match="no values at all: Gas"):
        Coin.from_coinr(data, IMETA)


def test_duplicate_units_are_rejected():
    data = pd.concat([IDATA, IDATA.iloc[[0]]])
    with pytest.raises(DataError, match=f"duplicate unit code\\(s\\): {IDATA['uCode'].iloc[0]}"):
        Coin.from_coinr(data, IMETA)


def test_geometric_mean_of_non_positive_values_is_refused():
    coin = Coin.from_coinr(IDATA, IMETA).normalise()  # min-max 0-100 has zeros
    with pytest.raises(CompositeError, match="Geometric mean: zero or negative values"):
        coin.aggregate(method="gmean")
    assert (
        coin.normalise(params={"l_u": (1, 100)}).aggregate(method="gmean").datasets["Aggregated"]["Index"].notna().all()
    )


def test_unknown_methods_are_named():
    coin = Coin.from_coinr(IDATA, IMETA)
    with pytest.raises(CompositeError, match="Unknown normalisation method 'minmux'"):
        coin.normalise(method="minmux")
    with pytest.raises(CompositeError, match="Cannot change step\\(s\\) treat"):
        coin.normalise().regenerate(treat={"winmax": 3})


def test_a_yaml_framework_gives_the_same_structure_as_imeta(tmp_path):
    from innopart.analytics.composite.io import imeta_from_yaml

    spec = tmp_path / "framework.yaml"
    spec.write_text(
        "tree:\n  Index:\n    Conn:\n      Physical: [LPI, {code: Flights, denominator: Population}]\n"
        "      Instit: [{code: CostImpEx, direction: -1, weight: 2}, Tariff]\n"
        "    Sust:\n      Social: [Poverty, TertGrad]\nweights: {Conn: 2}\ndenominators: [Population]\n"
    )
    coin = Coin.from_coinr(IDATA, imeta_from_yaml(spec))
    framework = coin.framework
    assert framework.levels == 4 and framework.children["Index"] == ("Conn", "Sust")
    assert framework.directions["CostImpEx"] == -1 and framework.weights["CostImpEx"] == 2.0
    assert framework.weights["Conn"] == 2.0 and framework.denominate_by == {"Flights": "Population"}
    built = coin.denominate().impute(method="mean").normalise().aggregate()
    assert built.dataset("Aggregated")["Index"].notna().all()


def test_an_unbalanced_yaml_tree_is_refused(tmp_path):
    from innopart.analytics.composite.io import imeta_from_yaml

    spec = tmp_path / "framework.yaml"
    spec.write_text("tree:\n  Index:\n    Conn:\n      Physical: [LPI]\n    Loose: [Ship]\n")
    with pytest.raises(FrameworkError, match="Ship"):
        Coin.from_coinr(IDATA, imeta_from_yaml(spec))


def test_coinr_tables_can_come_from_xlsx(tmp_path):
    from innopart.analytics.composite import read_coinr

    IDATA.to_excel(tmp_path / "iData.xlsx", index=False)
    IMETA.to_excel(tmp_path / "iMeta.xlsx", index=False)
    coin = Coin.from_coinr(*read_coinr(tmp_path / "iData.xlsx", tmp_path / "iMeta.xlsx"))
    from_csv = Coin.from_coinr(IDATA, IMETA)
    pd.testing.assert_frame_equal(coin.normalise().dataset("Normalised"), from_csv.normalise().dataset("Normalised"))
