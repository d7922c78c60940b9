<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cs">
<context>
    <name>CatalogChooser</name>
    <message>
        <source>The catalog to search</source>
        <translation>Katalog, ve kterém se hledá</translation>
    </message>
    <message>
        <source>Add URL…</source>
        <translation>Přidat URL…</translation>
    </message>
    <message>
        <source>Open any STAC API by its URL</source>
        <translation>Otevřít libovolné STAC API podle jeho URL</translation>
    </message>
    <message>
        <source>Connections…</source>
        <translation>Připojení…</translation>
    </message>
    <message>
        <source>Add, edit, remove and test connections and their logins</source>
        <translation>Přidat, upravit, odebrat a vyzkoušet připojení a jejich přihlášení</translation>
    </message>
    <message>
        <source>Use the offline sample catalog</source>
        <translation>Použít offline ukázkový katalog</translation>
    </message>
    <message>
        <source>&lt;b&gt;Catalog&lt;/b&gt;</source>
        <translation>&lt;b&gt;Katalog&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source>Select a result to see its details.</source>
        <translation>Vyberte výsledek a uvidíte jeho podrobnosti.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Catalog &amp;&amp; search</source>
        <translation>Katalog a hledání</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Výsledky</translation>
    </message>
    <message>
        <source>Item details</source>
        <translation>Podrobnosti položky</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Grafy</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Stahování</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Soubor</translation>
    </message>
    <message>
        <source>Open the offline &amp;sample catalog</source>
        <translation>Otevřít offline &amp;ukázkový katalog</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Konec</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Hledání</translation>
    </message>
    <message>
        <source>&amp;Run search</source>
        <translation>&amp;Spustit hledání</translation>
    </message>
    <message>
        <source>S&amp;top loading</source>
        <translation>&amp;Zastavit načítání</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Zobrazení</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Obnovit rozvržení</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Nástroje</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Nápo&amp;věda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Klávesové zkratky</translation>
    </message>
    <message>
        <source>&amp;About stacdesk</source>
        <translation>&amp;O aplikaci stacdesk</translation>
    </message>
    <message>
        <source>Open a catalog first.</source>
        <translation>Nejprve otevřete katalog.</translation>
    </message>
    <message>
        <source>About stacdesk</source>
        <translation>O aplikaci stacdesk</translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>Drag on a plot to filter · double-click clears</source>
        <extracomment>Polygons with more vertices are shown as an outline: a handle per vertex would be unusable. Drape resolution, and a small cache: a handful of recent quicklooks at this size.</extracomment>
        <translation>Tažením v grafu filtrujete · dvojklik filtr zruší</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>No search yet.</source>
        <translation>Zatím nic nehledáno.</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Načíst další</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Results per page requested from the server</source>
        <translation>Počet výsledků na stránku, o který se žádá server</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Hledat</translation>
    </message>
    <message>
        <source>Run the search (Ctrl+Return)</source>
        <translation>Spustit hledání (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Zastavit</translation>
    </message>
    <message>
        <source>Stop loading results (Esc)</source>
        <translation>Zastavit načítání výsledků (Esc)</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Oblast</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Velikost stránky</translation>
    </message>
    <message>
        <source>&lt;b&gt;Collections&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kolekce&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;When and where&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kdy a kde&lt;/b&gt;</translation>
    </message>
</context>
</TS>
