<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cs">
<context>
    <name>AcquisitionTimeline</name>
    <message>
        <source>acquisition date</source>
        <translation>datum pořízení</translation>
    </message>
    <message>
        <source>results</source>
        <translation>výsledky</translation>
    </message>
    <message>
        <source>results per week</source>
        <translation>výsledky za týden</translation>
    </message>
    <message>
        <source>results per month</source>
        <translation>výsledky za měsíc</translation>
    </message>
    <message>
        <source>results per day</source>
        <translation>výsledky za den</translation>
    </message>
</context>
<context>
    <name>AddUrlDialog</name>
    <message>
        <source>Open a STAC API</source>
        <translation>Otevřít STAC API</translation>
    </message>
    <message>
        <source>https://…/stac/v1</source>
        <translation>https://…/stac/v1</translation>
    </message>
    <message>
        <source>STAC API URL:</source>
        <translation>URL STAC API:</translation>
    </message>
    <message>
        <source>%1 The address was not saved.</source>
        <translation>%1 Adresa nebyla uložena.</translation>
    </message>
    <message>
        <source>STAC API address</source>
        <translation>Adresa STAC API</translation>
    </message>
    <message>
        <source>Type the address of a STAC API.</source>
        <translation>Zadejte adresu STAC API.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Otevírám %1…</translation>
    </message>
    <message>
        <source>Opened, but could not be saved: %1</source>
        <translation>Otevřeno, ale nelze uložit: %1</translation>
    </message>
</context>
<context>
    <name>Aoi</name>
    <message>
        <source>bbox %1</source>
        <translation>obdélník %1</translation>
    </message>
    <message>
        <source>point %1, %2</source>
        <translation>bod %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 with %Ln vertices</source>
        <comment>%1 with %Ln vertex</comment>
        <translation>
            <numerusform>%1 s %Ln vrcholem</numerusform>
            <numerusform>%1 s %Ln vrcholy</numerusform>
            <numerusform>%1 s %Ln vrcholy</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AoiEditor</name>
    <message>
        <source>Box not changed: %1.</source>
        <extracomment>Polygons with more vertices are shown as an outline: a handle per vertex would be unusable.</extracomment>
        <translation>Obdélník nezměněn: %1.</translation>
    </message>
    <message>
        <source>Polygon not changed: %1</source>
        <translation>Mnohoúhelník nezměněn: %1</translation>
    </message>
    <message>
        <source>Point not moved: %1.</source>
        <translation>Bod nepřesunut: %1.</translation>
    </message>
</context>
<context>
    <name>AoiErrors</name>
    <message>
        <source>Nothing to read: type a bbox (west, south, east, north), WKT or GeoJSON.</source>
        <translation>Není co číst: napište obdélník (západ, jih, východ, sever), WKT nebo GeoJSON.</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Neplatný JSON: %1</translation>
    </message>
    <message>
        <source>Not understood: expected 4 numbers (west, south, east, north), 2 numbers (lon, lat), WKT (POLYGON ((…))) or GeoJSON ({…}).</source>
        <translation>Nesrozumitelné: čekají se 4 čísla (západ, jih, východ, sever), 2 čísla (délka, šířka), WKT (POLYGON ((…))) nebo GeoJSON ({…}).</translation>
    </message>
    <message>
        <source>A bbox is a list of numbers: west, south, east, north.</source>
        <translation>Obdélník (bbox) je seznam čísel: západ, jih, východ, sever.</translation>
    </message>
    <message>
        <source>A point is not an area: give 4 numbers (west, south, east, north).</source>
        <translation>Bod není oblast: zadejte 4 čísla (západ, jih, východ, sever).</translation>
    </message>
    <message>
        <source>Expected 4 numbers (west, south, east, north) or 2 (lon, lat), got %1.</source>
        <translation>Čekají se 4 čísla (západ, jih, východ, sever) nebo 2 (délka, šířka), zadáno: %1.</translation>
    </message>
    <message>
        <source>South (%1) is north of north (%2): swap them?</source>
        <translation>Jih (%1) leží severněji než sever (%2): prohodit je?</translation>
    </message>
    <message>
        <source>The box has no area (west = east or south = north).</source>
        <translation>Obdélník nemá žádnou plochu (západ = východ nebo jih = sever).</translation>
    </message>
    <message>
        <source>West is greater than east: the box crosses the antimeridian (±180°) and is searched as two boxes.</source>
        <translation>Západ je větší než východ: obdélník překračuje 180. poledník (±180°) a hledá se jako dva obdélníky.</translation>
    </message>
    <message>
        <source>Only lon/lat (EPSG:4326) WKT is understood, not %1.</source>
        <translation>Rozumím jen WKT v zeměpisné délce a šířce (EPSG:4326), ne %1.</translation>
    </message>
    <message>
        <source>Not valid WKT: %1.</source>
        <translation>Neplatné WKT: %1.</translation>
    </message>
    <message>
        <source>Not GeoJSON: expected an object with a &quot;type&quot;.</source>
        <translation>Není to GeoJSON: čeká se objekt s položkou „type“.</translation>
    </message>
    <message>
        <source>Not GeoJSON: a FeatureCollection needs a &quot;features&quot; list.</source>
        <translation>Není to GeoJSON: FeatureCollection potřebuje seznam „features“.</translation>
    </message>
    <message>
        <source>The FeatureCollection has no feature with a geometry.</source>
        <translation>FeatureCollection nemá žádný prvek s geometrií.</translation>
    </message>
    <message>
        <source>The Feature has no geometry.</source>
        <translation>Prvek (Feature) nemá geometrii.</translation>
    </message>
    <message>
        <source>Not GeoJSON: type %1 is not a Geometry, Feature or FeatureCollection.</source>
        <translation>Není to GeoJSON: typ %1 není geometrie, Feature ani FeatureCollection.</translation>
    </message>
    <message>
        <source>Not a valid GeoJSON %1: %2.</source>
        <translation>Neplatný GeoJSON %1: %2.</translation>
    </message>
    <message>
        <source>bad coordinates</source>
        <translation>chybné souřadnice</translation>
    </message>
    <message>
        <source>%1 is %2 MiB; an area file over %3 MiB is not read.</source>
        <translation>%1 má %2 MiB; soubor s oblastí větší než %3 MiB se nenačítá.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>Nelze číst %1: %2.</translation>
    </message>
    <message>
        <source>%1 is not a text file (GeoJSON or WKT); shapefiles and GeoPackages are not read.</source>
        <translation>%1 není textový soubor (GeoJSON nebo WKT); shapefily a GeoPackage se nenačítají.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>A coordinate is not a finite number.</source>
        <translation>Některá souřadnice není konečné číslo.</translation>
    </message>
    <message>
        <source>Latitude %1 is out of range (−90…90). Coordinates must be lon/lat degrees (EPSG:4326), longitude first.</source>
        <translation>Zeměpisná šířka %1 je mimo rozsah (−90…90). Souřadnice musí být zeměpisná délka a šířka ve stupních (EPSG:4326), délka první.</translation>
    </message>
    <message>
        <source>Longitude %1 is out of range (−180…180). Coordinates must be lon/lat degrees (EPSG:4326), not a projected system.</source>
        <translation>Zeměpisná délka %1 je mimo rozsah (−180…180). Souřadnice musí být zeměpisná délka a šířka ve stupních (EPSG:4326), ne v projekčním systému.</translation>
    </message>
    <message>
        <source>The geometry is empty.</source>
        <translation>Geometrie je prázdná.</translation>
    </message>
    <message>
        <source>This holds only points (%1); an area is needed — a Polygon or MultiPolygon.</source>
        <translation>Obsahuje jen body (%1); je potřeba plocha — Polygon nebo MultiPolygon.</translation>
    </message>
    <message>
        <source>This holds only lines (%1); an area is needed — a Polygon or MultiPolygon.</source>
        <translation>Obsahuje jen linie (%1); je potřeba plocha — Polygon nebo MultiPolygon.</translation>
    </message>
    <message>
        <source>This holds only points and lines (%1); an area is needed — a Polygon or MultiPolygon.</source>
        <translation>Obsahuje jen body a linie (%1); je potřeba plocha — Polygon nebo MultiPolygon.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln point/line geometries ignored.</source>
        <comment>%Ln point/line geometry ignored.</comment>
        <translation>
            <numerusform>%Ln bodová nebo liniová geometrie vynechána.</numerusform>
            <numerusform>%Ln bodové nebo liniové geometrie vynechány.</numerusform>
            <numerusform>%Ln bodových nebo liniových geometrií vynecháno.</numerusform>
        </translation>
    </message>
    <message>
        <source>Split at the antimeridian (±180°).</source>
        <translation>Rozděleno na 180. poledníku (±180°).</translation>
    </message>
    <message>
        <source>The polygon has no area (its corners lie on a line).</source>
        <translation>Mnohoúhelník nemá žádnou plochu (jeho rohy leží na přímce).</translation>
    </message>
    <message>
        <source>The polygon is not valid (%1) and cannot be repaired.</source>
        <translation>Mnohoúhelník není platný (%1) a nelze ho opravit.</translation>
    </message>
    <message>
        <source>The polygon was not valid (%1); repaired with make_valid.</source>
        <translation>Mnohoúhelník nebyl platný (%1); opraven pomocí make_valid.</translation>
    </message>
    <message>
        <source>The polygon has no area.</source>
        <translation>Mnohoúhelník nemá žádnou plochu.</translation>
    </message>
    <message>
        <source>Simplified from %1 to %2 vertices for the request (slightly enlarged, so nothing inside the original is missed).</source>
        <translation>Pro dotaz zjednodušeno z %1 na %2 vrcholů (mírně zvětšeno, aby nic uvnitř původní oblasti nechybělo).</translation>
    </message>
    <message>
        <source>the box has no area</source>
        <translation>obdélník nemá žádnou plochu</translation>
    </message>
    <message>
        <source>latitude must be between -90 and 90</source>
        <translation>zeměpisná šířka musí být mezi -90 a 90</translation>
    </message>
</context>
<context>
    <name>AoiField</name>
    <message>
        <source>Search area</source>
        <translation>Oblast hledání</translation>
    </message>
    <message>
        <source>west, south, east, north — or lon, lat — or WKT / GeoJSON; Enter applies</source>
        <translation>západ, jih, východ, sever — nebo délka, šířka — nebo WKT / GeoJSON; Enter použije</translation>
    </message>
    <message>
        <source>The search area as text. Type or paste a bbox (west, south, east, north; west &gt; east crosses the antimeridian), a point (lon, lat), WKT or GeoJSON and press Enter.</source>
        <translation>Oblast hledání jako text. Napište nebo vložte obdélník (západ, jih, východ, sever; západ &gt; východ překračuje 180. poledník), bod (délka, šířka), WKT nebo GeoJSON a stiskněte Enter.</translation>
    </message>
    <message>
        <source>Copy as</source>
        <translation>Kopírovat jako</translation>
    </message>
    <message>
        <source>bbox numbers</source>
        <translation>čísla obdélníku (bbox)</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Oblast:</translation>
    </message>
    <message>
        <source>Area not changed: %1</source>
        <translation>Oblast nezměněna: %1</translation>
    </message>
</context>
<context>
    <name>BulkDownloadDialog</name>
    <message>
        <source>Download assets</source>
        <translation>Stáhnout soubory</translation>
    </message>
    <message>
        <source>e.g. B04, B08, visual</source>
        <translation>např. B04, B08, visual</translation>
    </message>
    <message>
        <source>e.g. data, metadata</source>
        <translation>např. data, metadata</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procházet…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Stáhnout</translation>
    </message>
    <message>
        <source>Asset keys:</source>
        <translation>Klíče souborů:</translation>
    </message>
    <message>
        <source>or roles:</source>
        <translation>nebo role:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Pro:</translation>
    </message>
    <message>
        <source>Into:</source>
        <translation>Do:</translation>
    </message>
    <message>
        <source>Keys and roles: reading the results…</source>
        <translation>Klíče a role: čtu výsledky…</translation>
    </message>
    <message>
        <source>Enter asset keys or roles.</source>
        <translation>Zadejte klíče nebo role souborů.</translation>
    </message>
    <message numerus="yes">
        <source>the %Ln selected results</source>
        <comment>the %Ln selected result</comment>
        <translation>
            <numerusform>%Ln vybraný výsledek</numerusform>
            <numerusform>%Ln vybrané výsledky</numerusform>
            <numerusform>%Ln vybraných výsledků</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the %Ln results shown by the filter</source>
        <comment>the %Ln result shown by the filter</comment>
        <translation>
            <numerusform>%Ln výsledek zobrazený filtrem</numerusform>
            <numerusform>%Ln výsledky zobrazené filtrem</numerusform>
            <numerusform>%Ln výsledků zobrazených filtrem</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>all %Ln loaded results</source>
        <comment>the %Ln loaded result</comment>
        <translation>
            <numerusform>%Ln načtený výsledek</numerusform>
            <numerusform>všechny %Ln načtené výsledky</numerusform>
            <numerusform>všech %Ln načtených výsledků</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the %Ln results…</source>
        <comment>Reading the %Ln result…</comment>
        <translation>
            <numerusform>Načítám %Ln výsledek…</numerusform>
            <numerusform>Načítám %Ln výsledky…</numerusform>
            <numerusform>Načítám %Ln výsledků…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Counting the assets of %Ln results…</source>
        <comment>Counting the assets of %Ln result…</comment>
        <translation>
            <numerusform>Počítám assety %Ln výsledku…</numerusform>
            <numerusform>Počítám assety %Ln výsledků…</numerusform>
            <numerusform>Počítám assety %Ln výsledků…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln assets</source>
        <comment>%Ln asset</comment>
        <translation>
            <numerusform>%Ln asset</numerusform>
            <numerusform>%Ln assety</numerusform>
            <numerusform>%Ln assetů</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln results.</source>
        <comment>%1 of %Ln result.</comment>
        <translation>
            <numerusform>%1 z %Ln výsledku.</numerusform>
            <numerusform>%1 z %Ln výsledků.</numerusform>
            <numerusform>%1 z %Ln výsledků.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Total size: %1 plus %Ln assets of unknown size.</source>
        <comment>Total size: %1 plus %Ln asset of unknown size.</comment>
        <translation>
            <numerusform>Celková velikost: %1 a k tomu %Ln asset neznámé velikosti.</numerusform>
            <numerusform>Celková velikost: %1 a k tomu %Ln assety neznámé velikosti.</numerusform>
            <numerusform>Celková velikost: %1 a k tomu %Ln assetů neznámé velikosti.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not count the assets: %1</source>
        <translation>Assety nelze spočítat: %1</translation>
    </message>
    <message>
        <source>Total size: %1.</source>
        <translation>Celková velikost: %1.</translation>
    </message>
    <message>
        <source>Choose a full folder path.</source>
        <translation>Zvolte úplnou cestu ke složce.</translation>
    </message>
    <message>
        <source>Free space there: %1.</source>
        <translation>Volné místo ve složce: %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not enough free space for these files.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Na tyto soubory není dost volného místa.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Asset keys</source>
        <translation>Klíče souborů</translation>
    </message>
    <message>
        <source>Asset roles</source>
        <translation>Role souborů</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Složka pro stahování</translation>
    </message>
    <message>
        <source>Assets of these results</source>
        <translation>Soubory těchto výsledků</translation>
    </message>
    <message>
        <source>Keys: %1</source>
        <translation>Klíče: %1</translation>
    </message>
    <message>
        <source>Roles: %1</source>
        <translation>Role: %1</translation>
    </message>
    <message>
        <source>Download into</source>
        <translation>Stáhnout do</translation>
    </message>
    <message>
        <source>the app is closing</source>
        <translation>aplikace se zavírá</translation>
    </message>
    <message>
        <source>Could not read the results: %1</source>
        <translation>Výsledky nelze načíst: %1</translation>
    </message>
</context>
<context>
    <name>Capabilities</name>
    <message>
        <source>POST search</source>
        <extracomment>Beyond this even an explicit choice is refused: the preview holds the file in memory.</extracomment>
        <translation>hledání metodou POST</translation>
    </message>
    <message>
        <source>CQL2 filter</source>
        <translation>filtr CQL2</translation>
    </message>
    <message>
        <source>sorting</source>
        <translation>řazení</translation>
    </message>
    <message>
        <source>fields</source>
        <translation>výběr polí (fields)</translation>
    </message>
    <message>
        <source>query extension</source>
        <translation>rozšíření query</translation>
    </message>
    <message>
        <source>collection search</source>
        <translation>hledání kolekcí</translation>
    </message>
    <message>
        <source>free-text collection search</source>
        <translation>fulltextové hledání kolekcí</translation>
    </message>
    <message>
        <source>basic item search only</source>
        <translation>jen základní hledání položek</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>This server does not declare sorting (item-search#sort), so results come in its own order.</source>
        <translation>Tento server neuvádí podporu řazení (item-search#sort), výsledky proto přicházejí v jeho vlastním pořadí.</translation>
    </message>
    <message>
        <source>A local catalog does not declare sorting (item-search#sort), so results come in its own order.</source>
        <translation>Místní katalog neuvádí podporu řazení (item-search#sort), výsledky proto přicházejí v jeho vlastním pořadí.</translation>
    </message>
    <message>
        <source>This server does not declare CQL2 filtering (item-search#filter); a filter would be ignored or rejected.</source>
        <translation>Tento server neuvádí podporu filtrování CQL2 (item-search#filter); filtr by byl přehlédnut nebo odmítnut.</translation>
    </message>
    <message>
        <source>A local catalog does not declare CQL2 filtering (item-search#filter); a filter would be ignored or rejected.</source>
        <translation>Místní katalog neuvádí podporu filtrování CQL2 (item-search#filter); filtr by byl přehlédnut nebo odmítnut.</translation>
    </message>
    <message>
        <source>This server does not declare %1.</source>
        <translation>Tento server neuvádí podporu: %1.</translation>
    </message>
    <message>
        <source>A local catalog does not declare %1.</source>
        <translation>Místní katalog neuvádí podporu: %1.</translation>
    </message>
</context>
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
    <message>
        <source>Opening %1…</source>
        <translation>Otevírám %1…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln collections</source>
        <comment>%Ln collection</comment>
        <translation>
            <numerusform>%Ln kolekce</numerusform>
            <numerusform>%Ln kolekce</numerusform>
            <numerusform>%Ln kolekcí</numerusform>
        </translation>
    </message>
    <message>
        <source>Catalog status</source>
        <translation>Stav katalogu</translation>
    </message>
    <message>
        <source>The offline sample catalog is open instead; pick %1 in the list to try again.</source>
        <translation>Místo něj je otevřen offline ukázkový katalog; chcete-li to zkusit znovu, vyberte %1 v seznamu.</translation>
    </message>
</context>
<context>
    <name>CatalogProblems</name>
    <message numerus="yes">
        <source>%Ln features of %1 are not items.</source>
        <comment>%Ln feature of %1 is not an item.</comment>
        <translation>
            <numerusform>%Ln prvek souboru %1 není položka.</numerusform>
            <numerusform>%Ln prvky souboru %1 nejsou položky.</numerusform>
            <numerusform>%Ln prvků souboru %1 není položkami.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln lines of %1 are not STAC items and were skipped.</source>
        <comment>%Ln line of %1 is not a STAC item and was skipped.</comment>
        <translation>
            <numerusform>%Ln řádek souboru %1 není položka STAC a byl přeskočen.</numerusform>
            <numerusform>%Ln řádky souboru %1 nejsou položky STAC a byly přeskočeny.</numerusform>
            <numerusform>%Ln řádků souboru %1 není položkami STAC a bylo přeskočeno.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln links to web or cloud addresses were not followed.</source>
        <comment>%Ln link to a web or cloud address was not followed.</comment>
        <translation>
            <numerusform>%Ln odkaz na webovou nebo cloudovou adresu nebyl sledován.</numerusform>
            <numerusform>%Ln odkazy na webové nebo cloudové adresy nebyly sledovány.</numerusform>
            <numerusform>%Ln odkazů na webové nebo cloudové adresy nebylo sledováno.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln linked files could not be read and were skipped.</source>
        <comment>%Ln linked file could not be read and was skipped.</comment>
        <translation>
            <numerusform>%Ln odkazovaný soubor nešel přečíst a byl přeskočen.</numerusform>
            <numerusform>%Ln odkazované soubory nešly přečíst a byly přeskočeny.</numerusform>
            <numerusform>%Ln odkazovaných souborů nešlo přečíst a bylo přeskočeno.</numerusform>
        </translation>
    </message>
    <message>
        <source>/conformance could not be read: %1</source>
        <translation>/conformance nešlo přečíst: %1</translation>
    </message>
    <message>
        <source>Some results were not JSON objects and were skipped.</source>
        <translation>Některé výsledky nebyly objekty JSON a byly přeskočeny.</translation>
    </message>
    <message>
        <source>The server&apos;s next link is not a web address: %1.</source>
        <translation>Odkaz serveru na další stránku není webová adresa: %1.</translation>
    </message>
    <message>
        <source>The server&apos;s next link repeats a page already loaded; stopped.</source>
        <translation>Odkaz serveru na další stránku opakuje již načtenou stránku; načítání zastaveno.</translation>
    </message>
    <message>
        <source>The server does not declare %1; it may ignore that part of the search.</source>
        <translation>Server neuvádí podporu: %1; tuto část hledání může přehlížet.</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 nebo %2</translation>
    </message>
    <message>
        <source>CQL2 filtering</source>
        <translation>filtrování CQL2</translation>
    </message>
    <message>
        <source>sorting</source>
        <translation>řazení</translation>
    </message>
    <message>
        <source>the query extension</source>
        <translation>rozšíření query</translation>
    </message>
    <message>
        <source>The server returned nothing even for a filter that every item passes: it does not apply filters, so this empty result says nothing about your filter.</source>
        <translation>Server nevrátil nic ani pro filtr, kterým projde každá položka: filtry neuplatňuje, takže tento prázdný výsledek o vašem filtru nic neříká.</translation>
    </message>
</context>
<context>
    <name>CloudCoverPlot</name>
    <message>
        <source>results</source>
        <translation>výsledky</translation>
    </message>
    <message>
        <source>cloud cover (%)</source>
        <translation>oblačnost (%)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln loaded results have no cloud cover (SAR, climate data)</source>
        <translation>
            <numerusform>%Ln načtený výsledek nemá údaj o oblačnosti (SAR, klimatická data)</numerusform>
            <numerusform>%Ln načtené výsledky nemají údaj o oblačnosti (SAR, klimatická data)</numerusform>
            <numerusform>%Ln načtených výsledků nemá údaj o oblačnosti (SAR, klimatická data)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionMatchingDialog</name>
    <message>
        <source>Match collections between catalogs</source>
        <translation>Přiřazení kolekcí mezi katalogy</translation>
    </message>
    <message>
        <source>Opening the other catalogs…</source>
        <translation>Otevírám ostatní katalogy…</translation>
    </message>
    <message>
        <source>Use the proposals</source>
        <translation>Použít návrhy</translation>
    </message>
    <message>
        <source>Not searched there</source>
        <translation>Tam se nehledá</translation>
    </message>
    <message>
        <source>Collections searched in each catalog</source>
        <translation>Kolekce prohledávané v jednotlivých katalozích</translation>
    </message>
    <message>
        <source>Open a catalog first.</source>
        <translation>Nejprve otevřete katalog.</translation>
    </message>
    <message>
        <source>not opened</source>
        <translation>neotevřeno</translation>
    </message>
    <message>
        <source>Each chosen collection is searched in the other catalogs as proposed from what their collections hold; pick another one where the proposal is wrong.</source>
        <translation>Každá zvolená kolekce se v ostatních katalozích hledá podle návrhu odvozeného z obsahu jejich kolekcí; kde je návrh chybný, vyberte jinou.</translation>
    </message>
    <message>
        <source>Tick collections in the search panel first: their matches are shown here.</source>
        <translation>Nejprve zaškrtněte kolekce v panelu hledání: zde se zobrazí jejich protějšky.</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 v %2</translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation>Navrženo: %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nic</translation>
    </message>
</context>
<context>
    <name>CollectionPicker</name>
    <message>
        <source>Type to filter collections…</source>
        <translation>Pište pro filtrování kolekcí…</translation>
    </message>
    <message>
        <source>Filter collections</source>
        <translation>Filtrovat kolekce</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Kolekce</translation>
    </message>
    <message>
        <source>Tick the collections to search</source>
        <translation>Zaškrtněte kolekce, ve kterých se má hledat</translation>
    </message>
</context>
<context>
    <name>ConditionForm</name>
    <message>
        <source>Add a condition on one of the server&apos;s queryable properties</source>
        <translation>Přidat podmínku na některou z dotazovatelných vlastností serveru</translation>
    </message>
    <message>
        <source>true</source>
        <translation>pravda</translation>
    </message>
    <message>
        <source>value</source>
        <translation>hodnota</translation>
    </message>
    <message>
        <source>Add a condition…</source>
        <translation>Přidat podmínku…</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Remove this condition</source>
        <translation>Odebrat tuto podmínku</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connections</source>
        <translation>Připojení</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nové</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <source>Restore presets</source>
        <translation>Obnovit předvolby</translation>
    </message>
    <message>
        <source>https://…/stac/v1</source>
        <translation>https://…/stac/v1</translation>
    </message>
    <message>
        <source>e.g. X-API-Key</source>
        <translation>např. X-API-Key</translation>
    </message>
    <message>
        <source>https://…/protocol/openid-connect/token</source>
        <translation>https://…/protocol/openid-connect/token</translation>
    </message>
    <message>
        <source>https://…/realms/NAME (to log in from here)</source>
        <translation>https://…/realms/NÁZEV (pro přihlášení odsud)</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Přihlásit…</translation>
    </message>
    <message>
        <source>other hosts that get the credentials</source>
        <translation>další hostitelé, kteří dostanou přihlašovací údaje</translation>
    </message>
    <message>
        <source>Trust this server&apos;s certificate</source>
        <translation>Důvěřovat certifikátu tohoto serveru</translation>
    </message>
    <message>
        <source>Accept this catalog&apos;s TLS certificate even if it cannot be verified (e.g. a self-signed server on your own network). Only this server&apos;s API host; every other host is still verified.</source>
        <translation>Přijmout TLS certifikát tohoto katalogu, i když jej nelze ověřit (např. server s vlastním podpisem ve vaší síti). Jen pro hostitele API tohoto serveru; všichni ostatní hostitelé se dál ověřují.</translation>
    </message>
    <message>
        <source>Credentials go only to the catalog&apos;s own host and the hosts listed here (comma separated; *.example.com for subdomains). Never to a host reached by a redirect or an asset host not listed.</source>
        <translation>Přihlašovací údaje jdou jen hostiteli katalogu a hostitelům uvedeným zde (oddělené čárkou; *.example.com pro subdomény). Nikdy hostiteli, na kterého vede přesměrování, ani neuvedenému hostiteli souborů.</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Vyzkoušet</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Uložit</translation>
    </message>
    <message>
        <source>Save and open</source>
        <translation>Uložit a otevřít</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Uživatelské jméno</translation>
    </message>
    <message>
        <source>Header name</source>
        <translation>Název hlavičky</translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation>Adresa pro tokeny</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>ID klienta</translation>
    </message>
    <message>
        <source>Provider (issuer)</source>
        <translation>Poskytovatel (issuer)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Název</translation>
    </message>
    <message>
        <source>STAC API URL</source>
        <translation>URL STAC API</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Ověření</translation>
    </message>
    <message>
        <source>Credential hosts</source>
        <translation>Hostitelé pro údaje</translation>
    </message>
    <message>
        <source>Asset signing</source>
        <translation>Podepisování souborů</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Neuloženo: %1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Uloženo: %1.</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Neodstraněno: %1</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Heslo</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Klíč</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>Obnovovací token</translation>
    </message>
    <message>
        <source>Client secret (optional)</source>
        <translation>Tajný klíč klienta (nepovinný)</translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation>Uložená připojení</translation>
    </message>
    <message>
        <source>Fill from a preset…</source>
        <translation>Vyplnit z předvolby…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Žádné</translation>
    </message>
    <message>
        <source>Planetary Computer (SAS tokens)</source>
        <translation>Planetary Computer (tokeny SAS)</translation>
    </message>
    <message>
        <source>stored in the keyring; type to replace</source>
        <translation>uloženo v klíčence; psaním nahradíte</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>Odebráno: %1.</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <source>Test failed: %1</source>
        <translation>Test selhal: %1</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Zkouším %1…</translation>
    </message>
</context>
<context>
    <name>Connections</name>
    <message>
        <source>Connected to %1.</source>
        <translation>Připojeno k %1.</translation>
    </message>
    <message>
        <source>Connected to %1. Offers: %2.</source>
        <translation>Připojeno k %1. Nabízí: %2.</translation>
    </message>
</context>
<context>
    <name>CoveringSet</name>
    <message>
        <source>No result touches the area.</source>
        <translation>Žádný výsledek nezasahuje do oblasti.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln results cover %1 of the area.</source>
        <comment>%Ln result covers %1 of the area.</comment>
        <translation>
            <numerusform>%Ln výsledek pokrývá %1 oblasti.</numerusform>
            <numerusform>%Ln výsledky pokrývají %1 oblasti.</numerusform>
            <numerusform>%Ln výsledků pokrývá %1 oblasti.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln results cover %1 of the area (all results together cover only %2).</source>
        <comment>%Ln result covers %1 of the area (all results together cover only %2).</comment>
        <translation>
            <numerusform>%Ln výsledek pokrývá %1 oblasti (všechny výsledky dohromady pokrývají jen %2).</numerusform>
            <numerusform>%Ln výsledky pokrývají %1 oblasti (všechny výsledky dohromady pokrývají jen %2).</numerusform>
            <numerusform>%Ln výsledků pokrývá %1 oblasti (všechny výsledky dohromady pokrývají jen %2).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoveringSetAction</name>
    <message>
        <source>Draw or import a search area first.</source>
        <translation>Nejprve nakreslete nebo importujte oblast hledání.</translation>
    </message>
    <message>
        <source>No results to choose from.</source>
        <translation>Nejsou žádné výsledky, ze kterých by šlo vybírat.</translation>
    </message>
    <message>
        <source>Finding the fewest results that cover the area…</source>
        <translation>Hledám co nejméně výsledků, které pokryjí oblast…</translation>
    </message>
    <message>
        <source>Covering set not found: %1</source>
        <translation>Pokrývající sada nenalezena: %1</translation>
    </message>
    <message>
        <source>Covering set: %1</source>
        <translation>Pokrývající sada: %1</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>RRRR-MM-DD</translation>
    </message>
    <message>
        <source>Type a day as YYYY-MM-DD, or pick one on the calendar</source>
        <translation>Zadejte den jako RRRR-MM-DD, nebo jej vyberte v kalendáři</translation>
    </message>
    <message>
        <source>Pick the day on a calendar</source>
        <translation>Vybrat den v kalendáři</translation>
    </message>
    <message>
        <source>“%1” is not a day: type YYYY-MM-DD</source>
        <translation>„%1“ není den: zadejte RRRR-MM-DD</translation>
    </message>
</context>
<context>
    <name>DateRange</name>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>The chosen collections</source>
        <translation>Zvolené kolekce</translation>
    </message>
    <message>
        <source>Search from (YYYY-MM-DD)</source>
        <translation>Hledat od (RRRR-MM-DD)</translation>
    </message>
    <message>
        <source>Search to (YYYY-MM-DD)</source>
        <translation>Hledat do (RRRR-MM-DD)</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>probíhá</translation>
    </message>
    <message>
        <source>%1 cover %2.</source>
        <translation>%1 pokrývají období %2.</translation>
    </message>
    <message>
        <source>The days set are outside it: this search will find nothing.</source>
        <translation>Nastavené dny leží mimo ně: toto hledání nic nenajde.</translation>
    </message>
    <message>
        <source>the %1 day %2</source>
        <translation>den %1: %2</translation>
    </message>
    <message>
        <source>the From day %1 is after the To day %2</source>
        <translation>den Od %1 je po dni Do %2</translation>
    </message>
</context>
<context>
    <name>DownloadActions</name>
    <message>
        <source>&amp;Download assets of results…</source>
        <translation>&amp;Stáhnout soubory výsledků…</translation>
    </message>
    <message numerus="yes">
        <source>Queueing the assets of %1 of %Ln results…</source>
        <comment>Queueing the assets of %1 of %Ln result…</comment>
        <translation>
            <numerusform>Řadím do fronty assety %1 z %Ln výsledku…</numerusform>
            <numerusform>Řadím do fronty assety %1 z %Ln výsledků…</numerusform>
            <numerusform>Řadím do fronty assety %1 z %Ln výsledků…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %Ln downloads into %1.</source>
        <comment>Queued %Ln download into %1.</comment>
        <translation>
            <numerusform>Do fronty zařazeno %Ln stahování do %1.</numerusform>
            <numerusform>Do fronty zařazena %Ln stahování do %1.</numerusform>
            <numerusform>Do fronty zařazeno %Ln stahování do %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search first: there are no results to download.</source>
        <translation>Nejprve hledejte: nejsou žádné výsledky ke stažení.</translation>
    </message>
    <message>
        <source>Could not queue the downloads: %1</source>
        <translation>Stahování nelze zařadit do fronty: %1</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>%1; the file was removed</source>
        <translation>%1; soubor byl odstraněn</translation>
    </message>
    <message numerus="yes">
        <source>%1 (gave up after %Ln attempts)</source>
        <comment>%1 (gave up after %Ln attempt)</comment>
        <translation>
            <numerusform>%1 (vzdáno po %Ln pokusu)</numerusform>
            <numerusform>%1 (vzdáno po %Ln pokusech)</numerusform>
            <numerusform>%1 (vzdáno po %Ln pokusech)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1; retrying in %Ln s</source>
        <comment>%1; retrying in %Ln s</comment>
        <translation>
            <numerusform>%1; nový pokus za %Ln s</numerusform>
            <numerusform>%1; nový pokus za %Ln s</numerusform>
            <numerusform>%1; nový pokus za %Ln s</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown host %1 (DNS lookup failed)</source>
        <translation>Neznámý server %1 (vyhledání v DNS selhalo)</translation>
    </message>
    <message>
        <source>Could not connect in time</source>
        <translation>Spojení se nepodařilo navázat včas</translation>
    </message>
    <message>
        <source>No data from the server for too long (idle timeout)</source>
        <translation>Server příliš dlouho neposlal žádná data (vypršel limit nečinnosti)</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Nelze se připojit: %1</translation>
    </message>
    <message>
        <source>Connection closed early (%1 of %2 bytes)</source>
        <translation>Spojení skončilo předčasně (%1 z %2 bajtů)</translation>
    </message>
    <message>
        <source>Connection broken: %1</source>
        <translation>Spojení přerušeno: %1</translation>
    </message>
    <message>
        <source>Network error: %1</source>
        <translation>Chyba sítě: %1</translation>
    </message>
    <message>
        <source>Disk full while writing %1 (in %2)</source>
        <translation>Při zápisu %1 se zaplnil disk (v %2)</translation>
    </message>
    <message>
        <source>No permission to write %1 in %2</source>
        <translation>Chybí oprávnění zapsat %1 do %2</translation>
    </message>
    <message>
        <source>Can&apos;t write %1: %2</source>
        <translation>Nelze zapsat %1: %2</translation>
    </message>
    <message>
        <source>Access denied (HTTP %1): this file needs credentials</source>
        <translation>Přístup odepřen (HTTP %1): tento soubor vyžaduje přihlašovací údaje</translation>
    </message>
    <message>
        <source>Not found on the server (HTTP %1)</source>
        <translation>Na serveru nenalezeno (HTTP %1)</translation>
    </message>
    <message>
        <source>The server refused the download (HTTP %1)</source>
        <translation>Server stahování odmítl (HTTP %1)</translation>
    </message>
</context>
<context>
    <name>DownloadsModel</name>
    <message>
        <source>File</source>
        <translation>Soubor</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stav</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Průběh</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Velikost</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Rychlost</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Zbývá</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Položka</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Ve frontě</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Stahuje se</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pozastaveno</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hotovo</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Selhalo</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Zrušeno</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Selhalo: %1</translation>
    </message>
    <message>
        <source>Retrying: %1</source>
        <translation>Nový pokus: %1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>DownloadsPanel</name>
    <message>
        <source>No downloads yet. Drag assets here or use Download on an item.</source>
        <translation>Zatím nic nestaženo. Přetáhněte sem soubory nebo u položky použijte Stáhnout.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 z %2</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>hotovo %1 z %2</translation>
    </message>
    <message>
        <source>%1 downloading at %2/s</source>
        <translation>stahuje se %1 rychlostí %2/s</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>zbývá asi %1</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>ve frontě %1</translation>
    </message>
    <message>
        <source>%1 paused</source>
        <translation>pozastaveno %1</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>selhalo %1</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Stahování</translation>
    </message>
    <message>
        <source>Queued, running and finished downloads</source>
        <translation>Stahování ve frontě, probíhající a dokončená</translation>
    </message>
    <message>
        <source>Download controls</source>
        <translation>Ovládání stahování</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Pozastavit vše</translation>
    </message>
    <message>
        <source>Pause every queued or running download</source>
        <translation>Pozastavit všechna stahování ve frontě nebo probíhající</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Obnovit vše</translation>
    </message>
    <message>
        <source>Resume every paused download</source>
        <translation>Obnovit všechna pozastavená stahování</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Zrušit vše</translation>
    </message>
    <message>
        <source>Cancel every download not finished</source>
        <translation>Zrušit všechna nedokončená stahování</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Zopakovat neúspěšná</translation>
    </message>
    <message>
        <source>Retry every failed download</source>
        <translation>Zopakovat všechna neúspěšná stahování</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Odebrat dokončená</translation>
    </message>
    <message>
        <source>Remove finished rows (files stay)</source>
        <translation>Odebrat dokončené řádky (soubory zůstanou)</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Otevřít složku</translation>
    </message>
    <message>
        <source>Open the download folder</source>
        <translation>Otevřít složku pro stahování</translation>
    </message>
    <message>
        <source>More download controls</source>
        <translation>Další ovládání stahování</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pozastavit</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Pokračovat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Zrušit</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Zkusit znovu</translation>
    </message>
    <message>
        <source>Show file in folder</source>
        <translation>Zobrazit soubor ve složce</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Kopírovat URL</translation>
    </message>
</context>
<context>
    <name>DrawingKeys</name>
    <message numerus="yes">
        <source>%Ln corners; double-click or Enter closes.</source>
        <comment>%Ln corner; double-click or Enter closes.</comment>
        <translation>
            <numerusform>%Ln roh; dvojklik nebo Enter mnohoúhelník uzavře.</numerusform>
            <numerusform>%Ln rohy; dvojklik nebo Enter mnohoúhelník uzavře.</numerusform>
            <numerusform>%Ln rohů; dvojklik nebo Enter mnohoúhelník uzavře.</numerusform>
        </translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter closes the polygon, Esc cancels.</source>
        <translation>Klikejte na rohy; dvojklik nebo Enter mnohoúhelník uzavře, Esc kreslení zruší.</translation>
    </message>
    <message>
        <source>Drawing cancelled.</source>
        <translation>Kreslení zrušeno.</translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners.</source>
        <translation>Mnohoúhelník potřebuje alespoň 3 rohy.</translation>
    </message>
</context>
<context>
    <name>EmptySearch</name>
    <message>
        <source>The dates are outside the collections&apos; time range (%1 – %2).</source>
        <translation>Data leží mimo časové rozpětí kolekcí (%1 – %2).</translation>
    </message>
    <message>
        <source>The search area is outside the collections&apos; spatial extent.</source>
        <translation>Oblast hledání leží mimo prostorový rozsah kolekcí.</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>dosud</translation>
    </message>
</context>
<context>
    <name>EmptySearchHint</name>
    <message>
        <source>Use the collections&apos; whole time range</source>
        <translation>Použít celé časové rozpětí kolekcí</translation>
    </message>
    <message>
        <source>Set From and To to the collections&apos; extent and search</source>
        <translation>Nastavit Od a Do na rozsah kolekcí a hledat</translation>
    </message>
    <message>
        <source>Search the whole world</source>
        <translation>Hledat na celém světě</translation>
    </message>
    <message>
        <source>Drop the search area and search again</source>
        <translation>Zrušit oblast hledání a hledat znovu</translation>
    </message>
    <message>
        <source>No results.</source>
        <translation>Žádné výsledky.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>the server rejected the request as invalid</source>
        <translation>server odmítl požadavek jako neplatný</translation>
    </message>
    <message>
        <source>the server requires you to log in</source>
        <translation>server vyžaduje přihlášení</translation>
    </message>
    <message>
        <source>access was refused</source>
        <translation>přístup byl odepřen</translation>
    </message>
    <message>
        <source>the address was not found on the server</source>
        <translation>adresa nebyla na serveru nalezena</translation>
    </message>
    <message>
        <source>the server does not allow this kind of request</source>
        <translation>server tento druh požadavku nepovoluje</translation>
    </message>
    <message>
        <source>the server is rate-limiting requests; try again in a moment</source>
        <translation>server omezuje počet požadavků; zkuste to za chvíli znovu</translation>
    </message>
    <message>
        <source>the server failed with an internal error</source>
        <translation>na serveru došlo k vnitřní chybě</translation>
    </message>
    <message>
        <source>the server&apos;s gateway failed</source>
        <translation>brána serveru selhala</translation>
    </message>
    <message>
        <source>the server is unavailable right now</source>
        <translation>server je teď nedostupný</translation>
    </message>
    <message>
        <source>the server&apos;s gateway timed out</source>
        <translation>bráně serveru vypršel časový limit</translation>
    </message>
    <message>
        <source>the server answered with an error</source>
        <translation>server odpověděl chybou</translation>
    </message>
    <message>
        <source>HTTP %1: %2%3.</source>
        <translation>HTTP %1: %2%3.</translation>
    </message>
    <message>
        <source>%1 Server said: %2</source>
        <translation>%1 Server uvedl: %2</translation>
    </message>
    <message>
        <source>The server did not answer in time%1.</source>
        <translation>Server neodpověděl včas%1.</translation>
    </message>
    <message>
        <source>The connection broke off in the middle of the server&apos;s answer%1.</source>
        <translation>Spojení se přerušilo uprostřed odpovědi serveru%1.</translation>
    </message>
    <message>
        <source>Cannot reach the server%1: check the address and your network.</source>
        <translation>Server je nedostupný%1: zkontrolujte adresu a připojení k síti.</translation>
    </message>
    <message>
        <source>The request failed%1: %2</source>
        <translation>Požadavek selhal%1: %2</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON%1: is this a STAC API address?</source>
        <translation>Odpověď serveru není platný JSON%1: je to adresa STAC API?</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified%1, so the connection was refused. If this is a server you trust (for example a self-signed one on your own network), turn on “Trust this server&apos;s certificate” in the connection&apos;s settings.</source>
        <translation>Certifikát serveru nelze ověřit%1, proto bylo spojení odmítnuto. Jde-li o server, kterému důvěřujete (například s certifikátem podepsaným sebou samým ve vaší vlastní síti), zapněte v nastavení připojení „Důvěřovat certifikátu tohoto serveru“.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate of %1 could not be verified%2, so the connection was refused. If this is a server you trust (for example a self-signed one on your own network), turn on “Trust this server&apos;s certificate” in the connection&apos;s settings.</source>
        <translation>Certifikát serveru %1 nelze ověřit%2, proto bylo spojení odmítnuto. Jde-li o server, kterému důvěřujete (například s certifikátem podepsaným sebou samým ve vaší vlastní síti), zapněte v nastavení připojení „Důvěřovat certifikátu tohoto serveru“.</translation>
    </message>
    <message>
        <source>%1 is a placeholder address that never exists (.invalid): no real file to fetch</source>
        <translation>%1 je zástupná adresa, která nikdy neexistuje (.invalid): není odkud stáhnout skutečný soubor</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message numerus="yes">
        <source>%Ln items</source>
        <comment>%Ln item</comment>
        <translation>
            <numerusform>%Ln položka</numerusform>
            <numerusform>%Ln položky</numerusform>
            <numerusform>%Ln položek</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln assets</source>
        <comment>%Ln asset</comment>
        <translation>
            <numerusform>%Ln asset</numerusform>
            <numerusform>%Ln assety</numerusform>
            <numerusform>%Ln assetů</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Exported %1 to %2.%3</source>
        <translation>Exportováno do %2: %1.%3</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Exporting %1 to %2…</source>
        <translation>Exportuji do %2: %1…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export selhal: %1</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Exportovat výsledky…</translation>
    </message>
    <message>
        <source>Write the results as GeoJSON, CSV, geoparquet, URLs…</source>
        <translation>Zapsat výsledky jako GeoJSON, CSV, geoparquet, seznam URL…</translation>
    </message>
    <message>
        <source>Results shown by the filter</source>
        <translation>Výsledky zobrazené filtrem</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Všechny výsledky</translation>
    </message>
    <message>
        <source>Selected results</source>
        <translation>Vybrané výsledky</translation>
    </message>
    <message>
        <source>Nothing to export: run a search first.</source>
        <translation>Není co exportovat: nejprve spusťte hledání.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export results</source>
        <translation>Export výsledků</translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation>Exportovat do souboru</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procházet…</translation>
    </message>
    <message>
        <source>Assets to list</source>
        <translation>Soubory k vypsání</translation>
    </message>
    <message>
        <source>Assets (CSV columns, URL list, metalink)</source>
        <translation>Soubory (sloupce CSV, seznam URL, metalink)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportovat</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formát</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Soubor</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Výsledky</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportovat do</translation>
    </message>
</context>
<context>
    <name>ExportFormats</name>
    <message>
        <source>GeoJSON FeatureCollection</source>
        <translation>GeoJSON FeatureCollection</translation>
    </message>
    <message>
        <source>Newline-delimited JSON items</source>
        <translation>Položky JSON po řádcích (ndjson)</translation>
    </message>
    <message>
        <source>CSV table</source>
        <translation>Tabulka CSV</translation>
    </message>
    <message>
        <source>stac-geoparquet</source>
        <translation>stac-geoparquet</translation>
    </message>
    <message>
        <source>URL list of chosen assets</source>
        <translation>Seznam URL zvolených souborů (assets)</translation>
    </message>
    <message>
        <source>Metalink 4 of chosen assets</source>
        <translation>Metalink 4 zvolených souborů (assets)</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter loaded results (id, collection, platform)</source>
        <translation>Filtrovat načtené výsledky (id, kolekce, platforma)</translation>
    </message>
    <message>
        <source>Sort the loaded results</source>
        <translation>Seřadit načtené výsledky</translation>
    </message>
    <message>
        <source>Descending order</source>
        <translation>Sestupně</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>to</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Cloud ≤</source>
        <translation>Oblačnost ≤</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zrušit</translation>
    </message>
    <message>
        <source>Show every loaded result</source>
        <translation>Zobrazit všechny načtené výsledky</translation>
    </message>
    <message>
        <source>Filter loaded results</source>
        <translation>Filtrovat načtené výsledky</translation>
    </message>
    <message>
        <source>Server order</source>
        <translation>Pořadí serveru</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Cloud cover</source>
        <translation>Oblačnost</translation>
    </message>
    <message>
        <source>AOI coverage</source>
        <translation>Pokrytí oblasti</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Kolekce</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platforma</translation>
    </message>
    <message>
        <source>Results from (YYYY-MM-DD)</source>
        <translation>Výsledky od (RRRR-MM-DD)</translation>
    </message>
    <message>
        <source>Results to (YYYY-MM-DD)</source>
        <translation>Výsledky do (RRRR-MM-DD)</translation>
    </message>
    <message>
        <source>Cloud cover at most</source>
        <translation>Oblačnost nejvýše</translation>
    </message>
</context>
<context>
    <name>FolderOpener</name>
    <message>
        <source>No file manager could be opened. The folder is %1</source>
        <translation>Správce souborů nelze otevřít. Složka je %1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Otevřít složku</translation>
    </message>
    <message>
        <source>No file manager could be opened here.

The folder is:
%1</source>
        <translation>Správce souborů zde nelze otevřít.

Složka je:
%1</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Kopírovat cestu</translation>
    </message>
</context>
<context>
    <name>HrefTable</name>
    <message>
        <source>Copy href</source>
        <translation>Kopírovat odkaz</translation>
    </message>
    <message>
        <source>Copy the selected hrefs</source>
        <translation>Kopírovat vybrané odkazy</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otevřít</translation>
    </message>
    <message>
        <source>Open the selected href (http only)</source>
        <translation>Otevřít vybraný odkaz (jen http)</translation>
    </message>
    <message>
        <source>Copy all hrefs</source>
        <translation>Kopírovat všechny odkazy</translation>
    </message>
    <message>
        <source>Open in web browser</source>
        <translation>Otevřít ve webovém prohlížeči</translation>
    </message>
</context>
<context>
    <name>ItemDetails</name>
    <message>
        <source>General</source>
        <translation>Obecné</translation>
    </message>
    <message>
        <source>Electro-optical (eo)</source>
        <translation>Elektrooptické (eo)</translation>
    </message>
    <message>
        <source>SAR (sar)</source>
        <translation>SAR (sar)</translation>
    </message>
    <message>
        <source>Satellite orbit (sat)</source>
        <translation>Dráha družice (sat)</translation>
    </message>
    <message>
        <source>View geometry (view)</source>
        <translation>Geometrie snímání (view)</translation>
    </message>
    <message>
        <source>Projection (proj)</source>
        <translation>Projekce (proj)</translation>
    </message>
    <message>
        <source>Sentinel-1 (s1)</source>
        <extracomment>Greedy picks among scenes adding at least this share of the best gain by preference.</extracomment>
        <translation>Sentinel-1 (s1)</translation>
    </message>
    <message>
        <source>Sentinel-2 (s2)</source>
        <translation>Sentinel-2 (s2)</translation>
    </message>
    <message>
        <source>Sentinel-3 (s3)</source>
        <extracomment>Stop when what is left uncovered is below this share of the AOI (numerical noise).</extracomment>
        <translation>Sentinel-3 (s3)</translation>
    </message>
    <message>
        <source>Landsat (landsat)</source>
        <translation>Landsat (landsat)</translation>
    </message>
    <message>
        <source>MGRS grid (mgrs)</source>
        <translation>Mřížka MGRS (mgrs)</translation>
    </message>
    <message>
        <source>Grid (grid)</source>
        <translation>Mřížka (grid)</translation>
    </message>
    <message>
        <source>Processing (processing)</source>
        <translation>Zpracování (processing)</translation>
    </message>
    <message>
        <source>CARD4L (card4l)</source>
        <translation>CARD4L (card4l)</translation>
    </message>
    <message>
        <source>Raster (raster)</source>
        <translation>Rastr (raster)</translation>
    </message>
    <message>
        <source>File (file)</source>
        <translation>Soubor (file)</translation>
    </message>
    <message>
        <source>Storage (storage)</source>
        <translation>Úložiště (storage)</translation>
    </message>
    <message>
        <source>Datacube (cube)</source>
        <translation>Datová kostka (cube)</translation>
    </message>
    <message>
        <source>Scientific citation (sci)</source>
        <translation>Vědecká citace (sci)</translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation>Časové údaje</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ano</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ne</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(žádné)</translation>
    </message>
    <message>
        <source>(not an asset object)</source>
        <translation>(není objekt assetu)</translation>
    </message>
    <message>
        <source>%1 (%1)</source>
        <translation>%1 (%1)</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source>Select a result to see its details.</source>
        <translation>Vyberte výsledek a uvidíte jeho podrobnosti.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Stáhnout</translation>
    </message>
    <message>
        <source>Download the selected assets into the download folder</source>
        <translation>Stáhnout vybrané soubory do složky stahování</translation>
    </message>
    <message>
        <source>Download checked</source>
        <translation>Stáhnout zaškrtnuté</translation>
    </message>
    <message>
        <source>Download the assets whose box is ticked</source>
        <translation>Stáhnout soubory se zaškrtnutým políčkem</translation>
    </message>
    <message>
        <source>Download this asset</source>
        <translation>Stáhnout tento soubor</translation>
    </message>
    <message>
        <source>Download checked assets</source>
        <translation>Stáhnout zaškrtnuté soubory</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Vlastnosti</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Vlastnost</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Hodnota</translation>
    </message>
    <message>
        <source>Item details</source>
        <translation>Podrobnosti položky</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>Soubory</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Odkazy</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Zdroje</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Klíč</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Název</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Velikost</translation>
    </message>
    <message>
        <source>Href</source>
        <translation>Odkaz</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Kontrolní součet</translation>
    </message>
    <message>
        <source>Rel</source>
        <translation>Vztah</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Kolekce</translation>
    </message>
    <message>
        <source>Self link</source>
        <translation>Vlastní odkaz (self)</translation>
    </message>
    <message>
        <source>Download checked (%1)</source>
        <translation>Stáhnout zaškrtnuté (%1)</translation>
    </message>
</context>
<context>
    <name>JsonView</name>
    <message>
        <source>Find in JSON (Enter: next)</source>
        <translation>Hledat v JSON (Enter: další)</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Předchozí shoda (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Další shoda (F3)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln found</source>
        <translation>
            <numerusform>%Ln výskyt</numerusform>
            <numerusform>%Ln výskyty</numerusform>
            <numerusform>%Ln výskytů</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>žádný</translation>
    </message>
    <message>
        <source>Item JSON</source>
        <translation>JSON položky</translation>
    </message>
    <message>
        <source>Find in JSON</source>
        <translation>Hledat v JSON</translation>
    </message>
</context>
<context>
    <name>LargeSearchDialog</name>
    <message>
        <source>A large search</source>
        <translation>Velké hledání</translation>
    </message>
    <message>
        <source>Ask only above</source>
        <translation>Ptát se až nad</translation>
    </message>
    <message>
        <source>Load all</source>
        <translation>Načíst vše</translation>
    </message>
    <message>
        <source>Load the next {n:,}</source>
        <translation>Načíst dalších {n:,}</translation>
    </message>
    <message>
        <source>Keep what is loaded</source>
        <translation>Ponechat načtené</translation>
    </message>
    <message>
        <source>Ask above this many results</source>
        <translation>Ptát se nad tímto počtem výsledků</translation>
    </message>
    <message>
        <source>This search matches %1.

%2 are loaded. Loading the other %3 takes a long time and keeps them all in the list, the map and the plots; Stop (Esc) pauses it and Resume goes on.</source>
        <translation>Tomuto hledání odpovídá %1.

Načteno je %2. Načtení zbývajících %3 trvá dlouho a všechny zůstanou v seznamu, na mapě i v grafech; Zastavit (Esc) načítání přeruší a Pokračovat v něm pokračuje.</translation>
    </message>
</context>
<context>
    <name>LoadAllAction</name>
    <message>
        <source>Load &amp;all results</source>
        <translation>Načíst &amp;všechny výsledky</translation>
    </message>
    <message>
        <source>Page the search to its end (asks first when it is large)</source>
        <translation>Načíst hledání až do konce (u velkého se nejdřív zeptá)</translation>
    </message>
</context>
<context>
    <name>LocalCatalogOpener</name>
    <message>
        <source>Open &amp;local catalog…</source>
        <translation>Otevřít &amp;místní katalog…</translation>
    </message>
    <message>
        <source>Open stac-geoparquet, ndjson, GeoJSON items or a catalog.json folder from disk</source>
        <translation>Otevřít z disku stac-geoparquet, ndjson, položky GeoJSON nebo složku s catalog.json</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1 (%Ln items).</source>
        <comment>Opened %1 (%Ln item).</comment>
        <translation>
            <numerusform>Otevřeno: %1 (%Ln položka).</numerusform>
            <numerusform>Otevřeno: %1 (%Ln položky).</numerusform>
            <numerusform>Otevřeno: %1 (%Ln položek).</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a local STAC catalog</source>
        <translation>Otevřít místní katalog STAC</translation>
    </message>
    <message>
        <source>STAC items (%1);;All files (*)</source>
        <translation>Položky STAC (%1);;Všechny soubory (*)</translation>
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
    <message numerus="yes">
        <source>Search failed: %1 (%Ln results kept; scroll to retry)</source>
        <comment>Search failed: %1 (%Ln result kept; scroll to retry)</comment>
        <translation>
            <numerusform>Hledání selhalo: %1 (zachován %Ln výsledek; posunutím seznamu to zkusíte znovu)</numerusform>
            <numerusform>Hledání selhalo: %1 (zachovány %Ln výsledky; posunutím seznamu to zkusíte znovu)</numerusform>
            <numerusform>Hledání selhalo: %1 (zachováno %Ln výsledků; posunutím seznamu to zkusíte znovu)</numerusform>
        </translation>
    </message>
    <message>
        <source>Search not started: %1</source>
        <translation>Hledání nespuštěno: %1</translation>
    </message>
    <message>
        <source>%1 — no answer from %2: Retry is above the results</source>
        <translation>%1 — bez odpovědi: %2; Zkusit znovu je nad výsledky</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>Otevřeno: %1.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Spouštím…</translation>
    </message>
    <message>
        <source>Loading the map and the catalogs…</source>
        <translation>Načítám mapu a katalogy…</translation>
    </message>
    <message>
        <source>A desktop product browser for STAC catalogs.</source>
        <translation>Desktopový prohlížeč produktů v katalozích STAC.</translation>
    </message>
    <message>
        <source>Basemap: Natural Earth (public domain).</source>
        <translation>Podkladová mapa: Natural Earth (volné dílo).</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>No place called “%1”.</source>
        <translation>Místo „%1“ nenalezeno.</translation>
    </message>
    <message>
        <source>Nothing selected.</source>
        <translation>Nic není vybráno.</translation>
    </message>
    <message>
        <source>Showing %1.</source>
        <translation>Zobrazeno: %1.</translation>
    </message>
    <message>
        <source>Area cleared.</source>
        <translation>Oblast smazána.</translation>
    </message>
    <message>
        <source>Box not used: %1.</source>
        <translation>Obdélník nepoužit: %1.</translation>
    </message>
    <message>
        <source>Point not used: %1.</source>
        <translation>Bod nepoužit: %1.</translation>
    </message>
    <message>
        <source>Polygon not used: %1</source>
        <translation>Mnohoúhelník nepoužit: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Načítám %1…</translation>
    </message>
    <message>
        <source>Area not imported: %1</source>
        <translation>Oblast nenačtena: %1</translation>
    </message>
    <message>
        <source>Imported the area from %1.</source>
        <translation>Oblast načtena ze souboru %1.</translation>
    </message>
    <message>
        <source>Area not changed: %1</source>
        <translation>Oblast nezměněna: %1</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Result footprints and the search area; arrow keys pan, + and - zoom</source>
        <translation>Stopy výsledků a oblast hledání; šipky posouvají, + a - přibližují a oddalují</translation>
    </message>
    <message>
        <source>longitude (°)</source>
        <translation>zeměpisná délka (°)</translation>
    </message>
    <message>
        <source>latitude (°)</source>
        <translation>zeměpisná šířka (°)</translation>
    </message>
    <message>
        <source>&amp;Import area…</source>
        <translation>&amp;Importovat oblast…</translation>
    </message>
    <message>
        <source>Read the search area from a GeoJSON or WKT file</source>
        <translation>Načíst oblast hledání ze souboru GeoJSON nebo WKT</translation>
    </message>
    <message>
        <source>Areas (*.geojson *.json *.wkt *.txt);;All files (*)</source>
        <translation>Oblasti (*.geojson *.json *.wkt *.txt);;Všechny soubory (*)</translation>
    </message>
    <message>
        <source>Import a search area</source>
        <translation>Importovat oblast hledání</translation>
    </message>
    <message>
        <source>lon %1   lat %2</source>
        <translation>délka %1   šířka %2</translation>
    </message>
</context>
<context>
    <name>MapToolbar</name>
    <message>
        <source>Pan</source>
        <translation>Posun</translation>
    </message>
    <message>
        <source>Pan and zoom; click a footprint to select it (P)</source>
        <translation>Posun a přiblížení; kliknutím na stopu ji vyberete (P)</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Obdélník</translation>
    </message>
    <message>
        <source>Drag a bounding box as the search area (B)</source>
        <translation>Tažením nakreslete obdélník jako oblast hledání (B)</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Bod</translation>
    </message>
    <message>
        <source>Click a point as the search area (T)</source>
        <translation>Kliknutím zvolte bod jako oblast hledání (T)</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Mnohoúhelník</translation>
    </message>
    <message>
        <source>Click the corners of a polygon; double-click or Enter closes it, Backspace removes the last corner, Esc cancels (G)</source>
        <translation>Klikejte na rohy mnohoúhelníku; dvojklik nebo Enter jej uzavře, Backspace odebere poslední roh, Esc zruší (G)</translation>
    </message>
    <message>
        <source>Clear area</source>
        <translation>Zrušit oblast</translation>
    </message>
    <message>
        <source>Remove the search area (Shift+Del)</source>
        <translation>Odebrat oblast hledání (Shift+Del)</translation>
    </message>
    <message>
        <source>World</source>
        <translation>Svět</translation>
    </message>
    <message>
        <source>Show the whole world (Home)</source>
        <translation>Zobrazit celý svět (Home)</translation>
    </message>
    <message>
        <source>Zoom to results</source>
        <translation>Přiblížit na výsledky</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Přiblížit na výběr</translation>
    </message>
    <message>
        <source>Covering set</source>
        <translation>Pokrývající sada</translation>
    </message>
    <message>
        <source>Select the fewest results that together cover the search area, preferring recent and low-cloud scenes</source>
        <translation>Vybrat nejmenší počet výsledků, které spolu pokryjí oblast hledání, přednostně nedávné scény s malou oblačností</translation>
    </message>
    <message>
        <source>Quicklook</source>
        <translation>Rychlý náhled</translation>
    </message>
    <message>
        <source>Drape the selected result&apos;s quicklook on its footprint</source>
        <translation>Položit rychlý náhled vybraného výsledku na jeho stopu</translation>
    </message>
    <message>
        <source>Quicklook opacity</source>
        <translation>Krytí rychlého náhledu</translation>
    </message>
    <message>
        <source>Preview data</source>
        <translation>Náhled dat</translation>
    </message>
    <message>
        <source>Show the selected result&apos;s real pixels (cloud-optimised GeoTIFFs) for the view (V)</source>
        <translation>Zobrazit skutečné pixely vybraného výsledku (cloud-optimised GeoTIFF) pro výřez (V)</translation>
    </message>
    <message>
        <source>Which bands the preview draws</source>
        <translation>Která pásma náhled kreslí</translation>
    </message>
    <message>
        <source>Preview opacity</source>
        <translation>Krytí náhledu</translation>
    </message>
    <message>
        <source>Which result a preview of several is drawn on top</source>
        <translation>Který výsledek je v náhledu více výsledků nahoře</translation>
    </message>
    <message>
        <source>Clip to area</source>
        <translation>Oříznout na oblast</translation>
    </message>
    <message>
        <source>Draw the preview only inside the search area</source>
        <translation>Kreslit náhled jen uvnitř oblasti hledání</translation>
    </message>
    <message>
        <source>Read whole file</source>
        <translation>Načíst celý soubor</translation>
    </message>
    <message>
        <source>Preview a file that is not cloud-optimised by reading all of it (the message says how much)</source>
        <translation>Zobrazit náhled souboru, který není cloud-optimised, načtením celého souboru (zpráva uvádí kolik)</translation>
    </message>
    <message>
        <source>Map tools</source>
        <translation>Mapové nástroje</translation>
    </message>
    <message>
        <source>More map tools</source>
        <translation>Další mapové nástroje</translation>
    </message>
    <message>
        <source>Selected on top</source>
        <translation>Vybraný nahoře</translation>
    </message>
    <message>
        <source>Newest on top</source>
        <translation>Nejnovější nahoře</translation>
    </message>
    <message>
        <source>Least cloudy on top</source>
        <translation>Nejméně oblačný nahoře</translation>
    </message>
</context>
<context>
    <name>MatchCount</name>
    <message numerus="yes">
        <source>%Ln results (%1)</source>
        <comment>%Ln result (%1)</comment>
        <extracomment>above this many results, paging them all is asked first (window: remembered per user)</extracomment>
        <translation>
            <numerusform>%Ln výsledek (%1)</numerusform>
            <numerusform>%Ln výsledky (%1)</numerusform>
            <numerusform>%Ln výsledků (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %Ln results (%1)</source>
        <comment>about %Ln result (%1)</comment>
        <translation>
            <numerusform>asi %Ln výsledek (%1)</numerusform>
            <numerusform>asi %Ln výsledky (%1)</numerusform>
            <numerusform>asi %Ln výsledků (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>the server&apos;s estimate</source>
        <translation>odhad serveru</translation>
    </message>
    <message>
        <source>the server&apos;s count</source>
        <translation>počet podle serveru</translation>
    </message>
    <message>
        <source>all on the first page</source>
        <translation>vše na první stránce</translation>
    </message>
    <message numerus="yes">
        <source>the server gives no count: estimated from the first page, whose %Ln results span %1 of the %2 searched</source>
        <comment>the server gives no count: estimated from the first page, whose %Ln result spans %1 of the %2 searched</comment>
        <translation>
            <numerusform>server počet neuvádí: odhad z první stránky, jejíž %Ln výsledek pokrývá %1 z hledaných %2</numerusform>
            <numerusform>server počet neuvádí: odhad z první stránky, jejíž %Ln výsledky pokrývají %1 z hledaných %2</numerusform>
            <numerusform>server počet neuvádí: odhad z první stránky, jejíž %Ln výsledků pokrývá %1 z hledaných %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln days</source>
        <comment>%Ln day</comment>
        <translation>
            <numerusform>%Ln den</numerusform>
            <numerusform>%Ln dny</numerusform>
            <numerusform>%Ln dní</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hours</source>
        <comment>%Ln hour</comment>
        <translation>
            <numerusform>%Ln hodina</numerusform>
            <numerusform>%Ln hodiny</numerusform>
            <numerusform>%Ln hodin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln minutes</source>
        <comment>%Ln minute</comment>
        <translation>
            <numerusform>%Ln minuta</numerusform>
            <numerusform>%Ln minuty</numerusform>
            <numerusform>%Ln minut</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OidcLoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>Přihlášení</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Jak</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Uživatelské jméno</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Heslo</translation>
    </message>
    <message>
        <source>The provider gave no refresh token: stacdesk cannot stay logged in.</source>
        <translation>Poskytovatel nevydal obnovovací token: stacdesk nemůže zůstat přihlášen.</translation>
    </message>
    <message>
        <source>Logged in; the refresh token is stored in the keyring.</source>
        <translation>Přihlášeno; obnovovací token je uložen v klíčence.</translation>
    </message>
    <message>
        <source>Logged in, but %1</source>
        <translation>Přihlášeno, ale %1</translation>
    </message>
    <message>
        <source>Logged in; save the connection to keep it.</source>
        <translation>Přihlášeno; uložte připojení, aby přihlášení vydrželo.</translation>
    </message>
    <message>
        <source>In the web browser</source>
        <translation>Ve webovém prohlížeči</translation>
    </message>
    <message>
        <source>With a code, in a browser on any device</source>
        <translation>Kódem, v prohlížeči na libovolném zařízení</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Uživatelské jméno a heslo</translation>
    </message>
    <message>
        <source>Waiting for the provider…</source>
        <translation>Čekám na poskytovatele…</translation>
    </message>
    <message>
        <source>Enter the code %1 at %2</source>
        <translation>Zadejte kód %1 na %2</translation>
    </message>
    <message>
        <source>Sign in in the browser; this window continues by itself.</source>
        <translation>Přihlaste se v prohlížeči; toto okno pak pokračuje samo.</translation>
    </message>
    <message>
        <source>Sign in in the browser window that opened; this window continues by itself.</source>
        <translation>Přihlaste se v okně prohlížeče, které se otevřelo; toto okno pak pokračuje samo.</translation>
    </message>
</context>
<context>
    <name>OtherCatalogsButton</name>
    <message>
        <source>Search these saved catalogs too: the same product found in several of them becomes one result that lists every catalog holding it</source>
        <translation>Hledat i v těchto uložených katalozích: stejný produkt nalezený ve více z nich je jeden výsledek se seznamem všech katalogů, které jej mají</translation>
    </message>
    <message>
        <source>No other saved catalog (add one with Add URL…)</source>
        <translation>Žádný jiný uložený katalog (přidejte jej přes Přidat URL…)</translation>
    </message>
    <message>
        <source>Match collections…</source>
        <translation>Přiřadit kolekce…</translation>
    </message>
    <message>
        <source>Search the open catalog only</source>
        <translation>Hledat jen v otevřeném katalogu</translation>
    </message>
    <message>
        <source>Also search: no other catalog</source>
        <translation>Hledat také: žádný jiný katalog</translation>
    </message>
    <message>
        <source>Also search: %1</source>
        <translation>Hledat také: %1</translation>
    </message>
    <message numerus="yes">
        <source>Also search: %n catalogs</source>
        <translation>
            <numerusform>Hledat také: %n katalog</numerusform>
            <numerusform>Hledat také: %n katalogy</numerusform>
            <numerusform>Hledat také: %n katalogů</numerusform>
        </translation>
    </message>
    <message>
        <source>Also search other catalogs</source>
        <translation>Hledat také v dalších katalozích</translation>
    </message>
</context>
<context>
    <name>PlaceSearch</name>
    <message>
        <source>%1 (country)</source>
        <translation>%1 (stát)</translation>
    </message>
    <message>
        <source>Go to a place…</source>
        <translation>Přejít na místo…</translation>
    </message>
    <message>
        <source>Type a city or country (offline gazetteer) and pick it to zoom there</source>
        <translation>Napište město nebo stát (offline rejstřík míst) a vyberte jej pro přiblížení</translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>Drag on a plot to filter · double-click clears</source>
        <translation>Tažením v grafu filtrujete · dvojklik filtr zruší</translation>
    </message>
    <message>
        <source>Drag across the timeline or the cloud-cover plot to show only those results in the list and on the map; drag the edges to adjust; double-click a plot to clear.</source>
        <translation>Tažením přes časovou osu nebo graf oblačnosti zobrazíte v seznamu a na mapě jen tyto výsledky; tažením okrajů rozsah upravíte; dvojklik na graf filtr zruší.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zrušit</translation>
    </message>
    <message>
        <source>Remove both ranges</source>
        <translation>Odebrat oba rozsahy</translation>
    </message>
    <message>
        <source>Acquisition timeline</source>
        <translation>Časová osa pořízení</translation>
    </message>
    <message>
        <source>Drag a range to filter</source>
        <translation>Tažením vyberte rozsah pro filtr</translation>
    </message>
    <message>
        <source>Cloud cover histogram</source>
        <translation>Histogram oblačnosti</translation>
    </message>
</context>
<context>
    <name>PreviewDrape</name>
    <message numerus="yes">
        <source>Reading the preview of %Ln items…</source>
        <comment>Reading the preview of %Ln item…</comment>
        <translation>
            <numerusform>Načítám náhled %Ln položky…</numerusform>
            <numerusform>Načítám náhled %Ln položek…</numerusform>
            <numerusform>Načítám náhled %Ln položek…</numerusform>
        </translation>
    </message>
    <message>
        <source>No preview: this item has no GeoTIFF asset.</source>
        <translation>Bez náhledu: položka nemá žádný asset GeoTIFF.</translation>
    </message>
    <message>
        <source>Reading the preview (%1)…</source>
        <translation>Načítám náhled (%1)…</translation>
    </message>
    <message>
        <source>No preview: %1. Choose “Read whole file” to read it anyway.</source>
        <translation>Bez náhledu: %1. Zvolte „Načíst celý soubor“, chcete-li ho přesto načíst.</translation>
    </message>
    <message>
        <source>No preview: %1.</source>
        <translation>Bez náhledu: %1.</translation>
    </message>
    <message>
        <source>No preview: unexpected %1: %2</source>
        <translation>Bez náhledu: neočekávaná chyba %1: %2</translation>
    </message>
    <message>
        <source>Preview: %1, %2.</source>
        <translation>Náhled: %1, %2.</translation>
    </message>
    <message>
        <source>Not drawn: %1.</source>
        <translation>Nevykresleno: %1.</translation>
    </message>
</context>
<context>
    <name>PreviewLayer</name>
    <message>
        <source>%1   at lon %2 lat %3</source>
        <translation>%1   na délce %2 šířce %3</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>bez dat</translation>
    </message>
</context>
<context>
    <name>Previews</name>
    <message>
        <source>the file is not there (HTTP 404)</source>
        <translation>soubor tam není (HTTP 404)</translation>
    </message>
    <message>
        <source>access refused (HTTP %1) to %2</source>
        <translation>přístup k %2 odepřen (HTTP %1)</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>%1 je nedostupný: %2</translation>
    </message>
    <message>
        <source>the server answered HTTP %1</source>
        <translation>server odpověděl HTTP %1</translation>
    </message>
    <message>
        <source>not a GeoTIFF: the file does not start like a TIFF (or JPEG 2000)</source>
        <translation>není to GeoTIFF: soubor nezačíná jako TIFF (ani JPEG 2000)</translation>
    </message>
    <message>
        <source>true colour (%1)</source>
        <translation>skutečné barvy (%1)</translation>
    </message>
    <message>
        <source>false colour (%1)</source>
        <translation>nepravé barvy (%1)</translation>
    </message>
    <message>
        <source>%1 backscatter (dB)</source>
        <translation>zpětný rozptyl %1 (dB)</translation>
    </message>
    <message>
        <source>%1 (one band)</source>
        <translation>%1 (jedno pásmo)</translation>
    </message>
    <message>
        <source>not cloud-optimised (%1)</source>
        <translation>není optimalizovaný pro cloud (%1)</translation>
    </message>
    <message>
        <source>a JPEG 2000, not cloud-optimised</source>
        <translation>JPEG 2000, není optimalizovaný pro cloud</translation>
    </message>
    <message>
        <source>strips</source>
        <translation>pruhy</translation>
    </message>
    <message>
        <source>no overviews</source>
        <translation>bez přehledů</translation>
    </message>
    <message>
        <source>%1: a preview would read %2</source>
        <translation>%1: náhled by načetl %2</translation>
    </message>
    <message>
        <source>the whole file</source>
        <translation>celý soubor</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln items</source>
        <comment>%1 of %Ln item</comment>
        <extracomment>Files this small are read whole without asking (the question would cost more than the bytes). A level this small needs no overview below it to be read cheaply.</extracomment>
        <translation>
            <numerusform>%1 z %Ln položky</numerusform>
            <numerusform>%1 z %Ln položek</numerusform>
            <numerusform>%1 z %Ln položek</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items</source>
        <comment>%Ln item</comment>
        <translation>
            <numerusform>%Ln položka</numerusform>
            <numerusform>%Ln položky</numerusform>
            <numerusform>%Ln položek</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, clipped to the search area</source>
        <translation>%1, oříznuto na oblast hledání</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more items not drawn</source>
        <comment>%Ln more item not drawn</comment>
        <translation>
            <numerusform>další %Ln položka nevykreslena</numerusform>
            <numerusform>další %Ln položky nevykresleny</numerusform>
            <numerusform>dalších %Ln položek nevykresleno</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the view is outside the world</source>
        <translation>pohled je mimo mapu světa</translation>
    </message>
    <message>
        <source>the data is outside the view</source>
        <translation>data jsou mimo pohled</translation>
    </message>
    <message>
        <source>overview 1/%1 of %2</source>
        <translation>přehled 1/%1 z %2</translation>
    </message>
    <message>
        <source>full resolution of %1</source>
        <translation>plné rozlišení z %1</translation>
    </message>
    <message>
        <source>the file is too large to preview whole (%1)</source>
        <translation>soubor je příliš velký na náhled celého souboru (%1)</translation>
    </message>
</context>
<context>
    <name>Queryables</name>
    <message>
        <source>Queryables could not be loaded: %1</source>
        <translation>Dotazovatelné vlastnosti nešlo načíst: %1</translation>
    </message>
    <message>
        <source>Queryables of %1 could not be loaded: %2</source>
        <translation>Dotazovatelné vlastnosti kolekce %1 nešlo načíst: %2</translation>
    </message>
    <message>
        <source>The server has no queryables per collection; the form shows the catalog-wide ones.</source>
        <translation>Server nemá dotazovatelné vlastnosti pro jednotlivé kolekce; formulář ukazuje ty za celý katalog.</translation>
    </message>
</context>
<context>
    <name>QuicklookLayer</name>
    <message>
        <source>Loading the quicklook…</source>
        <extracomment>Drape resolution, and a small cache: a handful of recent quicklooks at this size.</extracomment>
        <translation>Načítám rychlý náhled…</translation>
    </message>
    <message>
        <source>No quicklook: %1.</source>
        <translation>Bez rychlého náhledu: %1.</translation>
    </message>
</context>
<context>
    <name>ReproduceActions</name>
    <message>
        <source>Copy as &amp;Python</source>
        <translation>Kopírovat jako &amp;Python</translation>
    </message>
    <message>
        <source>A pystac-client script that runs this search</source>
        <translation>Skript pystac-client, který spustí toto hledání</translation>
    </message>
    <message>
        <source>Copy as &amp;curl</source>
        <translation>Kopírovat jako &amp;curl</translation>
    </message>
    <message>
        <source>The first page&apos;s request: GET URL or POST body</source>
        <translation>Požadavek na první stránku: URL pro GET nebo tělo POST</translation>
    </message>
    <message>
        <source>Copy as stacdesk co&amp;mmand</source>
        <translation>Kopírovat jako &amp;příkaz stacdesk</translation>
    </message>
    <message>
        <source>A `stacdesk search …` command line for this search</source>
        <translation>Příkaz `stacdesk search …` pro toto hledání</translation>
    </message>
    <message>
        <source>Open a catalog first.</source>
        <translation>Nejprve otevřete katalog.</translation>
    </message>
    <message>
        <source>Nothing to copy: %1</source>
        <translation>Není co kopírovat: %1</translation>
    </message>
    <message>
        <source>Copied %1 to the clipboard.</source>
        <translation>Do schránky zkopírováno: %1.</translation>
    </message>
    <message>
        <source>a pystac-client script</source>
        <translation>skript pystac-client</translation>
    </message>
    <message>
        <source>a Python script</source>
        <translation>skript v Pythonu</translation>
    </message>
    <message>
        <source>Copy as curl needs a STAC API; this catalog is on disk.</source>
        <translation>Kopírování jako curl potřebuje STAC API; tento katalog je na disku.</translation>
    </message>
    <message>
        <source>the %1 request</source>
        <translation>požadavek %1</translation>
    </message>
    <message>
        <source>a stacdesk command</source>
        <translation>příkaz stacdesk</translation>
    </message>
</context>
<context>
    <name>ResultActions</name>
    <message>
        <source>Copy &amp;ID</source>
        <translation>Kopírovat &amp;ID</translation>
    </message>
    <message>
        <source>Copy &amp;self link</source>
        <translation>Kopírovat &amp;vlastní odkaz</translation>
    </message>
    <message>
        <source>&amp;Open in web browser</source>
        <translation>&amp;Otevřít ve webovém prohlížeči</translation>
    </message>
    <message>
        <source>Show &amp;JSON</source>
        <translation>Zobrazit &amp;JSON</translation>
    </message>
    <message>
        <source>Add assets to &amp;downloads</source>
        <translation>Přidat soubory do &amp;stahování</translation>
    </message>
    <message numerus="yes">
        <source>Copy %Ln &amp;IDs</source>
        <translation>
            <numerusform>Kopírovat %Ln &amp;ID</numerusform>
            <numerusform>Kopírovat %Ln &amp;ID</numerusform>
            <numerusform>Kopírovat %Ln &amp;ID</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy %Ln &amp;self links</source>
        <translation>
            <numerusform>Kopírovat %Ln &amp;vlastní odkaz</numerusform>
            <numerusform>Kopírovat %Ln &amp;vlastní odkazy</numerusform>
            <numerusform>Kopírovat %Ln &amp;vlastních odkazů</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add assets of %Ln results to &amp;downloads</source>
        <translation>
            <numerusform>Přidat soubory %Ln výsledku do &amp;stahování</numerusform>
            <numerusform>Přidat soubory %Ln výsledků do &amp;stahování</numerusform>
            <numerusform>Přidat soubory %Ln výsledků do &amp;stahování</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln id(s).</source>
        <translation>
            <numerusform>Zkopírováno %Ln id.</numerusform>
            <numerusform>Zkopírována %Ln id.</numerusform>
            <numerusform>Zkopírováno %Ln id.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln self link(s) (%1 without a self link).</source>
        <translation>
            <numerusform>Zkopírován %Ln vlastní odkaz (%1 bez vlastního odkazu).</numerusform>
            <numerusform>Zkopírovány %Ln vlastní odkazy (%1 bez vlastního odkazu).</numerusform>
            <numerusform>Zkopírováno %Ln vlastních odkazů (%1 bez vlastního odkazu).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln self link(s).</source>
        <translation>
            <numerusform>Zkopírován %Ln vlastní odkaz.</numerusform>
            <numerusform>Zkopírovány %Ln vlastní odkazy.</numerusform>
            <numerusform>Zkopírováno %Ln vlastních odkazů.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has no web link to open.</source>
        <translation>%1 nemá žádný webový odkaz k otevření.</translation>
    </message>
</context>
<context>
    <name>ResultBatch</name>
    <message numerus="yes">
        <source>%Ln results without an id were skipped.</source>
        <comment>%Ln result without an id was skipped.</comment>
        <translation>
            <numerusform>%Ln výsledek bez id byl přeskočen.</numerusform>
            <numerusform>%Ln výsledky bez id byly přeskočeny.</numerusform>
            <numerusform>%Ln výsledků bez id bylo přeskočeno.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln results have no usable geometry (not on the map).</source>
        <comment>%Ln result has no usable geometry (not on the map).</comment>
        <translation>
            <numerusform>%Ln výsledek nemá použitelnou geometrii (není na mapě).</numerusform>
            <numerusform>%Ln výsledky nemají použitelnou geometrii (nejsou na mapě).</numerusform>
            <numerusform>%Ln výsledků nemá použitelnou geometrii (nejsou na mapě).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln results have no date.</source>
        <comment>%Ln result has no date.</comment>
        <translation>
            <numerusform>%Ln výsledek nemá datum.</numerusform>
            <numerusform>%Ln výsledky nemají datum.</numerusform>
            <numerusform>%Ln výsledků nemá datum.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message>
        <source>no
preview</source>
        <translation>bez
náhledu</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>selhalo</translation>
    </message>
    <message>
        <source>No thumbnail: %1</source>
        <translation>Bez náhledu: %1</translation>
    </message>
    <message>
        <source>%1 catalogs</source>
        <translation>katalogy: %1</translation>
    </message>
    <message>
        <source>AOI %1 %</source>
        <translation>oblast %1 %</translation>
    </message>
</context>
<context>
    <name>ResultFilter</name>
    <message>
        <source>cloud ≤ %1 %</source>
        <translation>oblačnost ≤ %1 %</translation>
    </message>
    <message>
        <source>cloud %1–%2 %</source>
        <translation>oblačnost %1–%2 %</translation>
    </message>
</context>
<context>
    <name>ResultListModel</name>
    <message>
        <source>no date</source>
        <translation>bez data</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>v %1</translation>
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
    <message>
        <source>Fetch the next page (while a filter hides rows, scrolling does not load more)</source>
        <translation>Načíst další stránku (když filtr skrývá řádky, posouvání další nenačítá)</translation>
    </message>
    <message>
        <source>%1 — loading…</source>
        <translation>%1 — načítá se…</translation>
    </message>
    <message>
        <source>Showing %1 of %2 loaded · filter: %3</source>
        <translation>Zobrazeno %1 z %2 načtených · filtr: %3</translation>
    </message>
    <message>
        <source>Load all</source>
        <translation>Načíst vše</translation>
    </message>
    <message>
        <source>Page the search to its end (asks first when it is large; Esc stops)</source>
        <translation>Načíst hledání až do konce (u velkého se nejdřív zeptá; Esc zastaví)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Pokračovat</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Výsledky</translation>
    </message>
    <message>
        <source>Enter opens the selected result</source>
        <translation>Enter otevře vybraný výsledek</translation>
    </message>
</context>
<context>
    <name>SavedSearch</name>
    <message>
        <source>filtered</source>
        <translation>s filtrem</translation>
    </message>
</context>
<context>
    <name>SavedSearchesMenu</name>
    <message>
        <source>&amp;Save search…</source>
        <translation>&amp;Uložit hledání…</translation>
    </message>
    <message>
        <source>Keep this search (catalog, query, area) under a name</source>
        <translation>Uložit toto hledání (katalog, dotaz, oblast) pod názvem</translation>
    </message>
    <message>
        <source>Saved searc&amp;hes</source>
        <translation>Uložená &amp;hledání</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>Histo&amp;rie</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Uložit hledání</translation>
    </message>
    <message>
        <source>(no saved searches)</source>
        <translation>(žádná uložená hledání)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Smazat</translation>
    </message>
    <message>
        <source>(no searches yet)</source>
        <translation>(zatím žádná hledání)</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Vymazat historii</translation>
    </message>
    <message>
        <source>Open a catalog first.</source>
        <translation>Nejprve otevřete katalog.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Název:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Neuloženo: %1</translation>
    </message>
    <message>
        <source>Saved the search as %1.</source>
        <translation>Hledání uloženo jako %1.</translation>
    </message>
    <message>
        <source>%1: %2 new since the last run (first run), %3 loaded.</source>
        <translation>%1: %2 nových od posledního spuštění (první spuštění), načteno %3.</translation>
    </message>
    <message>
        <source>%1: %2 new since the last run, %3 loaded.</source>
        <translation>%1: %2 nových od posledního spuštění, načteno %3.</translation>
    </message>
    <message>
        <source>the search</source>
        <translation>hledání</translation>
    </message>
    <message>
        <source>no catalog</source>
        <translation>žádný katalog</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>Nelze spustit %1: %2</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message numerus="yes">
        <source>%Ln products</source>
        <comment>%Ln product</comment>
        <translation>
            <numerusform>%Ln produkt</numerusform>
            <numerusform>%Ln produkty</numerusform>
            <numerusform>%Ln produktů</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 from %Ln catalogs (%2 in more than one)</source>
        <comment>%1 from %Ln catalog (%2 in more than one)</comment>
        <translation>
            <numerusform>%1 z %Ln katalogu (%2 ve více než jednom)</numerusform>
            <numerusform>%1 z %Ln katalogů (%2 ve více než jednom)</numerusform>
            <numerusform>%1 z %Ln katalogů (%2 ve více než jednom)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 from %Ln catalogs (%2 in more than one, more available)</source>
        <comment>%1 from %Ln catalog (%2 in more than one, more available)</comment>
        <translation>
            <numerusform>%1 z %Ln katalogu (%2 ve více než jednom, další k dispozici)</numerusform>
            <numerusform>%1 z %Ln katalogů (%2 ve více než jednom, další k dispozici)</numerusform>
            <numerusform>%1 z %Ln katalogů (%2 ve více než jednom, další k dispozici)</numerusform>
        </translation>
    </message>
    <message>
        <source>could not be opened</source>
        <translation>nelze otevřít</translation>
    </message>
    <message>
        <source>The results changed meanwhile (a new search?).</source>
        <translation>Výsledky se mezitím změnily (nové hledání?).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln results</source>
        <comment>%Ln result</comment>
        <translation>
            <numerusform>%Ln výsledek</numerusform>
            <numerusform>%Ln výsledky</numerusform>
            <numerusform>%Ln výsledků</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln results</source>
        <comment>%1 of %Ln result</comment>
        <translation>
            <numerusform>%1 z %Ln výsledku</numerusform>
            <numerusform>%1 z %Ln výsledků</numerusform>
            <numerusform>%1 z %Ln výsledků</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of about %Ln results</source>
        <comment>%1 of about %Ln result</comment>
        <translation>
            <numerusform>%1 z přibližně %Ln výsledku</numerusform>
            <numerusform>%1 z přibližně %Ln výsledků</numerusform>
            <numerusform>%1 z přibližně %Ln výsledků</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln loaded, more available</source>
        <comment>%Ln loaded, more available</comment>
        <translation>
            <numerusform>načten %Ln, další k dispozici</numerusform>
            <numerusform>načteny %Ln, další k dispozici</numerusform>
            <numerusform>načteno %Ln, další k dispozici</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 from %Ln catalogs (%2 in more than one, stopped)</source>
        <comment>%1 from %Ln catalog (%2 in more than one, stopped)</comment>
        <translation>
            <numerusform>%1 z %Ln katalogu (%2 ve více než jednom, zastaveno)</numerusform>
            <numerusform>%1 z %Ln katalogů (%2 ve více než jednom, zastaveno)</numerusform>
            <numerusform>%1 z %Ln katalogů (%2 ve více než jednom, zastaveno)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln results, stopped</source>
        <comment>%1 of %Ln result, stopped</comment>
        <translation>
            <numerusform>%1 z %Ln výsledku, zastaveno</numerusform>
            <numerusform>%1 z %Ln výsledků, zastaveno</numerusform>
            <numerusform>%1 z %Ln výsledků, zastaveno</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of about %Ln results, stopped</source>
        <comment>%1 of about %Ln result, stopped</comment>
        <translation>
            <numerusform>%1 z přibližně %Ln výsledku, zastaveno</numerusform>
            <numerusform>%1 z přibližně %Ln výsledků, zastaveno</numerusform>
            <numerusform>%1 z přibližně %Ln výsledků, zastaveno</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln loaded, stopped</source>
        <comment>%Ln loaded, stopped</comment>
        <translation>
            <numerusform>%Ln načten, zastaveno</numerusform>
            <numerusform>%Ln načteny, zastaveno</numerusform>
            <numerusform>%Ln načteno, zastaveno</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>SearchFilters</name>
    <message>
        <source>Cloud cover at most</source>
        <translation>Oblačnost nejvýše</translation>
    </message>
    <message>
        <source>CQL2 text, e.g.  &quot;sat:relative_orbit&quot; = 22</source>
        <translation>Text CQL2, např.  &quot;sat:relative_orbit&quot; = 22</translation>
    </message>
    <message>
        <source>item ids, separated by spaces or commas</source>
        <translation>id položek oddělená mezerami nebo čárkami</translation>
    </message>
    <message>
        <source>Search only these items (by id)</source>
        <translation>Hledat jen tyto položky (podle id)</translation>
    </message>
    <message>
        <source>Item ids</source>
        <translation>Id položek</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Podmínky</translation>
    </message>
    <message>
        <source>CQL2 filter</source>
        <translation>Filtr CQL2</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Řadit podle</translation>
    </message>
    <message>
        <source>Open a catalog to see what it can filter and sort.</source>
        <translation>Otevřete katalog a uvidíte, podle čeho umí filtrovat a řadit.</translation>
    </message>
    <message>
        <source>Valid CQL2.</source>
        <translation>Platné CQL2.</translation>
    </message>
    <message>
        <source>ascending</source>
        <translation>vzestupně</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>sestupně</translation>
    </message>
    <message>
        <source>Ask the server to sort the results</source>
        <translation>Požádat server o seřazení výsledků</translation>
    </message>
    <message>
        <source>This catalog offers: %1.</source>
        <translation>Tento katalog nabízí: %1.</translation>
    </message>
    <message>
        <source>Open a catalog first.</source>
        <translation>Nejprve otevřete katalog.</translation>
    </message>
    <message>
        <source>Loading the queryable properties…</source>
        <translation>Načítám dotazovatelné vlastnosti…</translation>
    </message>
    <message>
        <source>The server lists no queryable properties for the chosen collections; use the CQL2 editor.</source>
        <translation>Server pro zvolené kolekce neuvádí žádné dotazovatelné vlastnosti; použijte editor CQL2.</translation>
    </message>
    <message>
        <source>The server lists no queryable properties for the chosen collections.</source>
        <translation>Server pro zvolené kolekce neuvádí žádné dotazovatelné vlastnosti.</translation>
    </message>
    <message>
        <source>a CQL2 filter</source>
        <translation>filtr CQL2</translation>
    </message>
    <message>
        <source>the query extension</source>
        <translation>rozšíření query</translation>
    </message>
    <message>
        <source>Only scenes with eo:cloud_cover at most this (sent as %1)</source>
        <translation>Jen scény s eo:cloud_cover nejvýše touto hodnotou (posíláno jako %1)</translation>
    </message>
    <message>
        <source>Cloud cover: the server offers neither CQL2 filtering nor the query extension, so it cannot filter by cloud cover.</source>
        <translation>Oblačnost: server nenabízí filtrování CQL2 ani rozšíření query, takže podle oblačnosti filtrovat neumí.</translation>
    </message>
    <message>
        <source>Cloud cover: eo:cloud_cover is not a queryable property of the chosen collections.</source>
        <translation>Oblačnost: eo:cloud_cover není dotazovatelnou vlastností zvolených kolekcí.</translation>
    </message>
    <message>
        <source>Server&apos;s default order</source>
        <translation>Výchozí pořadí serveru</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Cloud cover</source>
        <translation>Oblačnost</translation>
    </message>
    <message>
        <source>Item id</source>
        <translation>Id položky</translation>
    </message>
    <message>
        <source>%1 It will not be sent until it is fixed.</source>
        <translation>%1 Dokud to nebude opraveno, neodešle se.</translation>
    </message>
</context>
<context>
    <name>SearchNotes</name>
    <message>
        <source>%1 descending</source>
        <extracomment>CQL2 comparison operators the form offers, and their query-extension names</extracomment>
        <translation>%1 sestupně</translation>
    </message>
    <message>
        <source>%1 ascending</source>
        <translation>%1 vzestupně</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>The server returned items you did not ask for by id (e.g. %1): it seems to ignore the ids.</source>
        <translation>Server vrátil položky, o které jste podle id nežádali (např. %1): zdá se, že id přehlíží.</translation>
    </message>
    <message>
        <source>The server returned items that do not match your filter (e.g. %1): it seems to ignore the filter, so these results are not filtered.</source>
        <translation>Server vrátil položky, které neodpovídají vašemu filtru (např. %1): zdá se, že filtr přehlíží, takže tyto výsledky nejsou filtrované.</translation>
    </message>
    <message>
        <source>The server did not sort the results as asked (%1): %2 comes before %3. It seems to ignore sorting; sort the list locally instead.</source>
        <extracomment>handled by their own controls (map, date range, ids, collections), not by the filter form</extracomment>
        <translation>Server neseřadil výsledky podle požadavku (%1): %2 je před %3. Zdá se, že řazení přehlíží; seřaďte raději seznam místně.</translation>
    </message>
    <message>
        <source>The server returned items that do not match your query (e.g. %1 has %2 = %3): it seems to ignore the query extension.</source>
        <translation>Server vrátil položky, které neodpovídají vašemu dotazu (např. %1 má %2 = %3): zdá se, že rozšíření query přehlíží.</translation>
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
    <message>
        <source>Filters and sorting</source>
        <translation>Filtry a řazení</translation>
    </message>
    <message>
        <source>Search collections on the server…</source>
        <translation>Hledat kolekce na serveru…</translation>
    </message>
    <message>
        <source>Type to filter collections…</source>
        <translation>Pište pro filtrování kolekcí…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln collections match on the server.</source>
        <comment>%Ln collection matches on the server.</comment>
        <translation>
            <numerusform>Na serveru odpovídá %Ln kolekce.</numerusform>
            <numerusform>Na serveru odpovídají %Ln kolekce.</numerusform>
            <numerusform>Na serveru odpovídá %Ln kolekcí.</numerusform>
        </translation>
    </message>
    <message>
        <source>the whole world — draw a box (B) or click a point (T) on the map</source>
        <translation>celý svět — nakreslete obdélník (B) nebo klikněte na bod (T) v mapě</translation>
    </message>
    <message>
        <source>The chosen collections</source>
        <translation>Zvolené kolekce</translation>
    </message>
    <message>
        <source>The catalog&apos;s collections</source>
        <translation>Kolekce katalogu</translation>
    </message>
    <message>
        <source>Search settings</source>
        <translation>Nastavení hledání</translation>
    </message>
    <message>
        <source>bbox %1, %2, %3, %4</source>
        <translation>obdélník %1; %2; %3; %4</translation>
    </message>
    <message>
        <source>point %1, %2</source>
        <translation>bod %1; %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 with %Ln vertices</source>
        <translation>
            <numerusform>%1 s %Ln vrcholem</numerusform>
            <numerusform>%1 s %Ln vrcholy</numerusform>
            <numerusform>%1 s %Ln vrcholy</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Nastavení</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procházet…</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Stahování</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Složka:</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>Rozvržení:</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation>Příklad:</translation>
    </message>
    <message>
        <source>At once:</source>
        <translation>Současně:</translation>
    </message>
    <message>
        <source>Per server:</source>
        <translation>Na server:</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Náhledy</translation>
    </message>
    <message>
        <source>Disk cache:</source>
        <translation>Mezipaměť na disku:</translation>
    </message>
    <message>
        <source>Takes effect at the next start</source>
        <translation>Projeví se při příštím spuštění</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Vzhled</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Barvy:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Jazyk:</translation>
    </message>
    <message>
        <source>As the desktop</source>
        <translation>Podle pracovního prostředí</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Světlé</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Tmavé</translation>
    </message>
    <message>
        <source>Fields: %1. Folders with /.</source>
        <translation>Pole: %1. Složky oddělte /.</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Složka pro stahování</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Podle systému</translation>
    </message>
</context>
<context>
    <name>SettingsOpener</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Nastavení…</translation>
    </message>
    <message>
        <source>Settings saved. Downloads go to %1.</source>
        <translation>Nastavení uloženo. Stahuje se do %1.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klávesové zkratky</translation>
    </message>
    <message>
        <source>Type to filter…</source>
        <translation>Pište pro filtrování…</translation>
    </message>
    <message>
        <source>Map: cancel the box or polygon being drawn</source>
        <translation>Mapa: zrušit kreslený obdélník nebo mnohoúhelník</translation>
    </message>
    <message>
        <source>Map: remove the last polygon corner</source>
        <translation>Mapa: odebrat poslední roh mnohoúhelníku</translation>
    </message>
    <message>
        <source>Map: close the polygon</source>
        <translation>Mapa: uzavřít mnohoúhelník</translation>
    </message>
    <message>
        <source>Results: first / last result</source>
        <translation>Výsledky: první / poslední výsledek</translation>
    </message>
    <message>
        <source>Results: add to the selection</source>
        <translation>Výsledky: přidat do výběru</translation>
    </message>
    <message>
        <source>Results: select all loaded</source>
        <translation>Výsledky: vybrat všechny načtené</translation>
    </message>
    <message>
        <source>Filter shortcuts</source>
        <translation>Filtrovat zkratky</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Akce</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Klávesy</translation>
    </message>
</context>
<context>
    <name>SourceQueries</name>
    <message>
        <source>%1 is searched as %2</source>
        <translation>%1 se hledá jako %2</translation>
    </message>
    <message>
        <source>%1 is searched as %2 (your choice)</source>
        <translation>%1 se hledá jako %2 (vaše volba)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nic</translation>
    </message>
    <message>
        <source>holds none of %1; not searched</source>
        <translation>nemá žádnou z kolekcí %1; neprohledává se</translation>
    </message>
</context>
<context>
    <name>SourceStatus</name>
    <message>
        <source>loading…</source>
        <translation>načítá se…</translation>
    </message>
    <message>
        <source>more available</source>
        <translation>další k dispozici</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>dokončeno</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>zastaveno</translation>
    </message>
    <message>
        <source>Catalogs searched</source>
        <translation>Prohledávané katalogy</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>selhalo</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Zkusit znovu</translation>
    </message>
</context>
</TS>
