def test_the_style_guide_shows_each_component_in_english_and_in_lithuanian(client, db):
    page = client.get("/style-guide/").text
    english, lithuanian = page.split('id="sample-en"')[1].split('id="sample-lt"')
    for word in ("Draft", "Now:", "in English only", "Nothing is waiting for you."):
        assert word in english, word
    for word in ("Juodraštis", "Dabar:", "tik anglų kalba", "Šiuo metu jūsų niekas nelaukia."):
        assert word in lithuanian, word
    assert 'aria-current="step"' in english and 'aria-current="step"' in lithuanian
    assert "867,500" in english and "867\xa0500" in lithuanian  # numbers grouped as each language writes them
