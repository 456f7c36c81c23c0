<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>EncoderBackend</name>
    <message numerus="yes">
        <source>CPU (%n thread(s), bf16)</source>
        <translation>
            <numerusform>CPU (%n Thread, bf16)</numerusform>
            <numerusform>CPU (%n Threads, bf16)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU (%n Thread)</numerusform>
            <numerusform>CPU (%n Threads)</numerusform>
        </translation>
    </message>
    <message>
        <source>GPU (%1)</source>
        <translation>GPU (%1)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ArchiveItemModel</name>
    <message>
        <source>%1
Window: %2
Item %3</source>
        <translation>%1
Fenster: %2
Element %3</translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>Labels: %1</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ArchiveService</name>
    <message>
        <source>Item %1 has no embedding of the current model.</source>
        <translation>Element %1 hat keine Einbettung des aktuellen Modells.</translation>
    </message>
    <message>
        <source>This index was written in an earlier format; its embeddings are read into memory. Indexing the archive again converts it to the format that opens at once.</source>
        <translation>Dieser Index wurde in einem älteren Format geschrieben; seine Einbettungen werden in den Speicher gelesen. Wird das Archiv erneut indiziert, wird er in das Format umgewandelt, das sofort öffnet.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::BasicSettingsDialog</name>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Choose: %1</source>
        <translation>Wählen: %1</translation>
    </message>
    <message>
        <source>BASIC Settings</source>
        <translation>BASIC-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Corpora:</source>
        <translation>&amp;Korpora:</translation>
    </message>
    <message>
        <source>rscir&apos;s remote-sensing corpora</source>
        <translation>die Fernerkundungs-Korpora von rscir</translation>
    </message>
    <message>
        <source>Corpora folder</source>
        <translation>Ordner der Korpora</translation>
    </message>
    <message>
        <source>A Folder with subjects.csv and styles.csv</source>
        <translation>Ein Ordner mit subjects.csv und styles.csv</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy-Arrays (*.npy)</translation>
    </message>
    <message>
        <source>Image &amp;mean:</source>
        <translation>&amp;Mittleres Bild:</translation>
    </message>
    <message>
        <source>the archive&apos;s own mean</source>
        <translation>der Mittelwert des Archivs</translation>
    </message>
    <message>
        <source>Mean image embedding (.npy)</source>
        <translation>Mittlere Bildeinbettung (.npy)</translation>
    </message>
    <message>
        <source>Mean Image Embedding</source>
        <translation>Mittlere Bildeinbettung</translation>
    </message>
    <message>
        <source>The weight of the styles&apos; scatter in the contrastive PCA</source>
        <translation>Das Gewicht der Streuung der Stile in der kontrastiven PCA</translation>
    </message>
    <message>
        <source>Styles&apos; &amp;weight (aa):</source>
        <translation>&amp;Gewicht der Stile (aa):</translation>
    </message>
    <message>
        <source>At most this many eigenvectors, of positive eigenvalue</source>
        <translation>Höchstens so viele Eigenvektoren mit positivem Eigenwert</translation>
    </message>
    <message>
        <source>Co&amp;mponents:</source>
        <translation>Ko&amp;mponenten:</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Archive items nearest to the projected query image that expand it</source>
        <translation>Die Archivelemente, die dem projizierten Anfragebild am nächsten liegen und es erweitern</translation>
    </message>
    <message>
        <source>&amp;Expansion:</source>
        <translation>&amp;Erweiterung:</translation>
    </message>
    <message>
        <source>A text is embedded beside this many subjects, each way, and averaged</source>
        <translation>Ein Text wird neben so vielen Motiven eingebettet, in beiden Reihenfolgen, und gemittelt</translation>
    </message>
    <message>
        <source>Te&amp;xt in context of:</source>
        <translation>Te&amp;xt im Kontext von:</translation>
    </message>
    <message>
        <source>&amp;Normalisation:</source>
        <translation>&amp;Normierung:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Synthetic set for the normalisation (.npy)</source>
        <translation>Synthetische Menge für die Normierung (.npy)</translation>
    </message>
    <message>
        <source>Synthetic Set [2, n, d]</source>
        <translation>Synthetische Menge [2, n, d]</translation>
    </message>
    <message>
        <source>BASIC&apos;s space is prepared once for each model, archive and these settings; the Harris weight then moves the ranking without a pass.</source>
        <translation>Der Raum von BASIC wird für jedes Modell, jedes Archiv und diese Einstellungen einmal vorbereitet; das Harris-Gewicht verschiebt die Rangfolge danach ohne einen Durchlauf.</translation>
    </message>
    <message>
        <source>%1 holds no %2.</source>
        <translation>%1 enthält keine %2.</translation>
    </message>
    <message>
        <source>The mean image embedding %1 is not there.</source>
        <translation>Die mittlere Bildeinbettung %1 ist nicht vorhanden.</translation>
    </message>
    <message>
        <source>The synthetic set %1 is not there.</source>
        <translation>Die synthetische Menge %1 ist nicht vorhanden.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::CatalogueDialog</name>
    <message>
        <source>Index a STAC Catalogue</source>
        <translation>Einen STAC-Katalog indizieren</translation>
    </message>
    <message>
        <source>A STAC catalogue, collection, item or item collection: a file, or an http(s) address (a STAC API&apos;s search too). Its items&apos; files are indexed with their dates, platforms and cloud cover.</source>
        <translation>Ein STAC-Katalog, eine Sammlung, ein Item oder eine Item-Sammlung: eine Datei oder eine http(s)-Adresse (auch die Suche einer STAC-API). Die Dateien seiner Items werden mit ihren Daten, Plattformen und ihrer Wolkenbedeckung indiziert.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Catalogue:</source>
        <translation>Katalog:</translation>
    </message>
    <message>
        <source>the visual one, else the first GeoTIFF</source>
        <translation>das sichtbare (visual), sonst das erste GeoTIFF</translation>
    </message>
    <message>
        <source>The name of the asset of each item to index, e.g. visual or image</source>
        <translation>Der Name des Assets jedes Items, das indiziert wird, z. B. visual oder image</translation>
    </message>
    <message>
        <source>Asset:</source>
        <translation>Asset:</translation>
    </message>
    <message>
        <source>as the files hold them, e.g. red,green,blue</source>
        <translation>wie die Dateien sie enthalten, z. B. red,green,blue</translation>
    </message>
    <message>
        <source>Bands by name (a band&apos;s name or common name): of one asset, or one single-band asset each (as Sentinel-2 is published), read as one image. One band is read as gray.</source>
        <translation>Kanäle nach Namen (Name oder gebräuchlicher Name eines Kanals): eines Assets oder je ein einkanaliges Asset (wie Sentinel-2 veröffentlicht wird), als ein Bild gelesen. Ein einzelner Kanal wird als Graustufen gelesen.</translation>
    </message>
    <message>
        <source>Bands:</source>
        <translation>Kanäle:</translation>
    </message>
    <message>
        <source>Index…</source>
        <translation>Indizieren…</translation>
    </message>
    <message>
        <source>STAC Catalogue</source>
        <translation>STAC-Katalog</translation>
    </message>
    <message>
        <source>STAC documents (*.json *.geojson);;All files (*)</source>
        <translation>STAC-Dokumente (*.json *.geojson);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Give a catalogue&apos;s file or address.</source>
        <translation>Geben Sie die Datei oder Adresse eines Katalogs an.</translation>
    </message>
    <message>
        <source>%1 is neither a file nor an http(s) address.</source>
        <translation>%1 ist weder eine Datei noch eine http(s)-Adresse.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ist keine Datei.</translation>
    </message>
    <message>
        <source>Give the bands by name, e.g. red,green,blue.</source>
        <translation>Geben Sie die Kanäle mit Namen an, z. B. red,green,blue.</translation>
    </message>
    <message>
        <source>Give one band (gray) or three (red, green, blue), e.g. red,green,blue.</source>
        <translation>Geben Sie einen Kanal (Graustufen) oder drei an (Rot, Grün, Blau), z. B. red,green,blue.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::DateHistogram</name>
    <message>
        <source>Acquisition dates</source>
        <translation>Aufnahmedaten</translation>
    </message>
    <message>
        <source>Items per acquisition date: drag across the bars to keep a time span, double-click to clear it</source>
        <translation>Objekte je Aufnahmedatum: über die Balken ziehen, um einen Zeitraum zu behalten; Doppelklick hebt ihn auf</translation>
    </message>
    <message>
        <source>The archive&apos;s items carry no acquisition dates</source>
        <translation>Die Objekte des Archivs tragen keine Aufnahmedaten</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation>
            <numerusform>%1: %n Objekt</numerusform>
            <numerusform>%1: %n Objekte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rscir::ui::EncoderService</name>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::EngineMessages</name>
    <message>
        <source>%1: the file disappeared (it was removed or renamed)</source>
        <translation>%1: die Datei ist verschwunden (sie wurde gelöscht oder umbenannt)</translation>
    </message>
    <message>
        <source>%1: the file disappeared while it was being read</source>
        <translation>%1: die Datei verschwand, während sie gelesen wurde</translation>
    </message>
    <message>
        <source>%1 is not a raster that GDAL can read: %2</source>
        <translation>%1 ist kein Raster, das GDAL lesen kann: %2</translation>
    </message>
    <message>
        <source>%1 is damaged (truncated or corrupt): %2</source>
        <translation>%1 ist beschädigt (abgeschnitten oder fehlerhaft): %2</translation>
    </message>
    <message>
        <source>%1 has %2 x %3 pixels (%4 megapixels); at most %5 megapixels are read (%6 sets the limit)</source>
        <translation>%1 hat %2 × %3 Pixel (%4 Megapixel); höchstens %5 Megapixel werden gelesen (%6 legt die Grenze fest)</translation>
    </message>
    <message>
        <source>No tokenizer vocabulary was found for the model %1: put bpe_simple_vocab_16e6.txt.gz next to its checkpoint, or give one in the models dialog.</source>
        <translation>Für das Modell %1 wurde kein Tokenizer-Vokabular gefunden: Legen Sie bpe_simple_vocab_16e6.txt.gz neben seinen Checkpoint oder geben Sie eines im Modelldialog an.</translation>
    </message>
    <message>
        <source>The archive folder %1 does not exist or is not a folder.</source>
        <translation>Der Archivordner %1 existiert nicht oder ist kein Ordner.</translation>
    </message>
    <message>
        <source>%1 is not a vector file that GDAL/OGR can read; give a GeoJSON, GeoPackage or Shapefile.</source>
        <translation>%1 ist keine Vektordatei, die GDAL/OGR lesen kann; geben Sie GeoJSON, GeoPackage oder Shapefile an.</translation>
    </message>
    <message>
        <source>%1 holds no polygons.</source>
        <translation>%1 enthält keine Polygone.</translation>
    </message>
    <message>
        <source>%1 is not georeferenced: the map cannot place it.</source>
        <translation>%1 ist nicht georeferenziert: die Karte kann es nicht verorten.</translation>
    </message>
    <message>
        <source>%1 is a whole pickled model (the class %2), not a state dict; %3</source>
        <translation>%1 ist ein ganzes gepickeltes Modell (die Klasse %2), kein State-Dict; %3</translation>
    </message>
    <message>
        <source>%1 holds no images or rasters that rscir reads (.tif, .jpg, .png and others); no index was made. Choose the folder that holds the imagery.</source>
        <translation>%1 enthält keine Bilder oder Raster, die rscir liest (.tif, .jpg, .png und andere); es wurde kein Index angelegt. Wählen Sie den Ordner mit den Bildern.</translation>
    </message>
    <message>
        <source>The embedding of item %1 in %2 is damaged (not a finite number). Check every row and encode the damaged ones again with: rscir index --verify</source>
        <translation>Die Einbettung von Element %1 in %2 ist beschädigt (keine endliche Zahl). Prüfen Sie jede Zeile und kodieren Sie die beschädigten neu mit: rscir index --verify</translation>
    </message>
    <message>
        <source>The index %1 is damaged or truncated (%2). rscir leaves it as it is: restore it from a copy, or index the archive into a new file.</source>
        <translation>Der Index %1 ist beschädigt oder abgeschnitten (%2). rscir lässt ihn unverändert: Stellen Sie ihn aus einer Kopie wieder her oder indizieren Sie das Archiv in eine neue Datei.</translation>
    </message>
    <message>
        <source>No tokenizer vocabulary was found next to %1: put bpe_simple_vocab_16e6.txt.gz (or vocab.json and merges.txt) beside the checkpoint, or give one in the models dialog.</source>
        <translation>Neben %1 wurde kein Tokenizer-Vokabular gefunden: Legen Sie bpe_simple_vocab_16e6.txt.gz (oder vocab.json und merges.txt) neben den Checkpoint oder geben Sie eines im Modelle-Dialog an.</translation>
    </message>
    <message>
        <source>The embedding store %1 is a symbolic link. rscir reads and writes an index&apos;s stores only as the files it made: remove the link and index the archive again.</source>
        <translation>Der Einbettungsspeicher %1 ist ein symbolischer Link. rscir liest und schreibt die Speicher eines Index nur als die Dateien, die es selbst angelegt hat: Entfernen Sie den Link und indizieren Sie das Archiv erneut.</translation>
    </message>
    <message>
        <source>%1 names a source that rscir does not read: %2 (%3).</source>
        <translation>%1 nennt eine Quelle, die rscir nicht liest: %2 (%3).</translation>
    </message>
    <message>
        <source>%1 has %2 vertices; at most %3 are used for an area. Simplify it in a GIS first.</source>
        <translation>%1 hat %2 Stützpunkte; für ein Gebiet werden höchstens %3 verwendet. Vereinfachen Sie es zuerst in einem GIS.</translation>
    </message>
    <message>
        <source>Labels cannot be stored in %1: it is on storage this account may not write. Keep them in a side file instead.</source>
        <translation>Labels können nicht in %1 gespeichert werden: Es liegt auf einem Speicher, auf den dieses Konto nicht schreiben darf. Bewahren Sie sie stattdessen in einer Nebendatei auf.</translation>
    </message>
    <message>
        <source>No SentencePiece tokenizer was found for the SigLIP model %1: put its spiece.model next to its checkpoint, or give one in the models dialog.</source>
        <translation>Für das SigLIP-Modell %1 wurde kein SentencePiece-Tokenizer gefunden: Legen Sie seine spiece.model neben seinen Checkpoint oder geben Sie eine im Modelldialog an.</translation>
    </message>
    <message>
        <source>The model %1 needs its %2 tokenizer, and %3 is not one. Give the model&apos;s own tokenizer in the models dialog.</source>
        <translation>Das Modell %1 braucht seinen %2-Tokenizer, und %3 ist keiner. Geben Sie im Modelldialog den Tokenizer des Modells an.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::Errors</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Not enough memory.</source>
        <translation>Nicht genügend Arbeitsspeicher.</translation>
    </message>
    <message>
        <source>An unexpected failure: %1</source>
        <translation>Ein unerwarteter Fehler: %1</translation>
    </message>
    <message>
        <source>An unexpected failure.</source>
        <translation>Ein unerwarteter Fehler.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::FilterBar</name>
    <message>
        <source>Any Time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <source>Rank items of any acquisition time</source>
        <translation>Objekte jedes Aufnahmezeitpunkts ranken</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Cloud cover at most</source>
        <translation>Bewölkung höchstens</translation>
    </message>
    <message>
        <source> %</source>
        <comment>a percentage&apos;s suffix</comment>
        <translation> %</translation>
    </message>
    <message>
        <source>Largest cloud cover</source>
        <translation>Größte Bewölkung</translation>
    </message>
    <message>
        <source>Same place as the query</source>
        <translation>Gleicher Ort wie die Anfrage</translation>
    </message>
    <message>
        <source>Acquired relative to the query</source>
        <translation>Aufgenommen im Verhältnis zur Anfrage</translation>
    </message>
    <message>
        <source>at any time</source>
        <translation>zu jeder Zeit</translation>
    </message>
    <message>
        <source>after the query</source>
        <translation>nach der Anfrage</translation>
    </message>
    <message>
        <source>before the query</source>
        <translation>vor der Anfrage</translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation>Jede Plattform</translation>
    </message>
    <message>
        <source>Acquired %1 – %2</source>
        <translation>Aufgenommen %1 – %2</translation>
    </message>
    <message>
        <source>Acquired from %1</source>
        <translation>Aufgenommen ab %1</translation>
    </message>
    <message>
        <source>Acquired until %1</source>
        <translation>Aufgenommen bis %1</translation>
    </message>
    <message>
        <source>Acquired at any time</source>
        <translation>Zu jeder Zeit aufgenommen</translation>
    </message>
    <message>
        <source>Only items whose footprint overlaps the query image&apos;s at least as much as the overlap beside: the same scene at other times</source>
        <translation>Nur Objekte, deren Grundfläche die des Anfragebilds mindestens so stark überlappt wie die Überlappung daneben: dieselbe Szene zu anderen Zeiten</translation>
    </message>
    <message>
        <source>overlap ≥ </source>
        <comment>intersection over union of two footprints, before its value</comment>
        <translation>Überlappung ≥ </translation>
    </message>
    <message>
        <source>Least overlap with the query&apos;s footprint</source>
        <translation>Mindeste Überlappung mit der Grundfläche der Anfrage</translation>
    </message>
    <message>
        <source>The area both footprints cover, divided by the area either covers (intersection over union): 1 is the same footprint, 0.5 the default</source>
        <translation>Die Fläche, die beide Grundflächen bedecken, geteilt durch die Fläche, die eine von beiden bedeckt (Schnitt durch Vereinigung): 1 ist dieselbe Grundfläche, 0,5 die Voreinstellung</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ImageWell</name>
    <message>
        <source>Query image</source>
        <translation>Anfragebild</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Drop an image here,
or drag a thumbnail,
or use Open Image...</source>
        <translation>Bild hier ablegen,
eine Vorschau hierher ziehen
oder „Bild öffnen …“ verwenden</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Keine Vorschau</translation>
    </message>
</context>
<context>
    <name>rscir::ui::IndexJob</name>
    <message>
        <source>Indexing %1</source>
        <translation>Indizierung von %1</translation>
    </message>
    <message>
        <source>Fast indexing needs a model on a processor that computes bf16 natively; this run computes in fp32.</source>
        <translation>Schnelles Indizieren braucht ein Modell auf einem Prozessor, der bf16 nativ rechnet; dieser Lauf rechnet in fp32.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::IndexOptionsDialog</name>
    <message>
        <source>Indexing Options</source>
        <translation>Indizierungsoptionen</translation>
    </message>
    <message>
        <source>Automatic (as QGIS draws it)</source>
        <translation>Automatisch (wie QGIS es zeichnet)</translation>
    </message>
    <message>
        <source>Natural colour (bands 1, 2, 3)</source>
        <translation>Echtfarben (Kanäle 1, 2, 3)</translation>
    </message>
    <message>
        <source>False colour, near infrared-red-green (bands 4, 3, 2)</source>
        <translation>Falschfarben, nahes Infrarot-Rot-Grün (Kanäle 4, 3, 2)</translation>
    </message>
    <message>
        <source>Custom...</source>
        <translation>Eigene …</translation>
    </message>
    <message>
        <source>Which bands the model sees as red, green and blue (or one band as gray)</source>
        <translation>Welche Kanäle das Modell als Rot, Grün und Blau sieht (oder einen Kanal als Grau)</translation>
    </message>
    <message>
        <source>one band, or three: e.g. 5,4,3</source>
        <translation>ein Kanal oder drei: z. B. 5,4,3</translation>
    </message>
    <message>
        <source>Custom display bands</source>
        <translation>Eigene Anzeigekanäle</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Rasters larger than this are cut into windows of this size</source>
        <translation>Größere Raster werden in Fenster dieser Größe geschnitten</translation>
    </message>
    <message>
        <source>&amp;Bands:</source>
        <translation>&amp;Kanäle:</translation>
    </message>
    <message>
        <source>&amp;Tile size:</source>
        <translation>&amp;Kachelgröße:</translation>
    </message>
    <message>
        <source>&amp;Overlap:</source>
        <translation>Ü&amp;berlappung:</translation>
    </message>
    <message>
        <source>&amp;Stretch:</source>
        <translation>&amp;Streckung:</translation>
    </message>
    <message>
        <source>&amp;Index</source>
        <translation>&amp;Indizieren</translation>
    </message>
    <message>
        <source>This index was made with these options; a run updates it with the same ones. Choose a new index file to index with others.</source>
        <translation>Dieser Index wurde mit diesen Optionen angelegt; ein Lauf aktualisiert ihn mit denselben. Wählen Sie eine neue Indexdatei, um mit anderen zu indizieren.</translation>
    </message>
    <message>
        <source>Give one band (gray) or three (red, green, blue), separated by commas.</source>
        <translation>Geben Sie einen Kanal (grau) oder drei (rot, grün, blau) an, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>Automatic (8-bit as it is, others 2–98 % percentiles)</source>
        <translation>Automatisch (8 Bit unverändert, sonst Perzentile 2–98 %)</translation>
    </message>
    <message>
        <source>Percentiles 2–98 %, always</source>
        <translation>Perzentile 2–98 %, immer</translation>
    </message>
    <message>
        <source>None (clamp to 0–255)</source>
        <translation>Keine (auf 0–255 begrenzen)</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>As each file has it</source>
        <translation>Wie jede Datei sie hat</translation>
    </message>
    <message>
        <source>Index an archive of mixed resolutions at one: every window then covers the tile size times this many metres, whatever its file&apos;s own resolution</source>
        <translation>Ein Archiv gemischter Auflösungen mit einer einzigen indexieren: Jedes Fenster deckt dann Kachelgröße mal so viele Meter ab, unabhängig von der Auflösung seiner Datei</translation>
    </message>
    <message>
        <source>&amp;Ground resolution:</source>
        <translation>&amp;Bodenauflösung:</translation>
    </message>
</context>
<context>
    <name>rscir::ui::JobsPanel</name>
    <message>
        <source>Background jobs</source>
        <translation>Hintergrundaufgaben</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Fortschritt: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>%1 abbrechen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>noch etwa %1 s</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen …</translation>
    </message>
</context>
<context>
    <name>rscir::ui::LabelService</name>
    <message>
        <source>not %1</source>
        <comment>a negative label</comment>
        <translation>nicht %1</translation>
    </message>
    <message>
        <source>Labels cannot be stored in %1: it is on storage this account may not write. Choose a side file for them in the Labels panel.</source>
        <translation>Labels können nicht in %1 gespeichert werden: Es liegt auf einem Speicher, auf den dieses Konto nicht schreiben darf. Wählen Sie im Bereich „Labels“ eine Nebendatei für sie.</translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>Labels: %1</translation>
    </message>
</context>
<context>
    <name>rscir::ui::LabelsPanel</name>
    <message>
        <source>Choose Side File...</source>
        <translation>Nebendatei wählen …</translation>
    </message>
    <message>
        <source>Keep the labels of this index in a file of your own, since the index cannot be written</source>
        <translation>Die Labels dieses Index in einer eigenen Datei aufbewahren, da der Index nicht beschrieben werden kann</translation>
    </message>
    <message>
        <source>Label names</source>
        <translation>Label-Namen</translation>
    </message>
    <message>
        <source>Names, separated by commas: pool, tennis court</source>
        <translation>Namen, durch Kommas getrennt: Pool, Tennisplatz</translation>
    </message>
    <message>
        <source>Keys 1 to 9 give the selected result these labels, in this order; Ctrl+1 to Ctrl+9 label it as not that</source>
        <translation>Die Tasten 1 bis 9 geben dem ausgewählten Ergebnis diese Labels, in dieser Reihenfolge; Strg+1 bis Strg+9 kennzeichnen es als „nicht das“</translation>
    </message>
    <message>
        <source>Filter by label or file</source>
        <translation>Nach Label oder Datei filtern</translation>
    </message>
    <message>
        <source>Filter the labels</source>
        <translation>Labels filtern</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected labels (Delete)</source>
        <translation>Die ausgewählten Labels entfernen (Entf)</translation>
    </message>
    <message>
        <source>Show on Map</source>
        <translation>Auf der Karte zeigen</translation>
    </message>
    <message>
        <source>Zoom the map to the selected labels, or to all of them</source>
        <translation>Die Karte auf die ausgewählten Labels zoomen, oder auf alle</translation>
    </message>
    <message>
        <source>Names:</source>
        <translation>Namen:</translation>
    </message>
    <message>
        <source>target</source>
        <comment>a default label name</comment>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Keep the Labels in a Side File</source>
        <translation>Labels in einer Nebendatei aufbewahren</translation>
    </message>
    <message>
        <source>rscir labels (*.rscir-labels)</source>
        <translation>rscir-Labels (*.rscir-labels)</translation>
    </message>
    <message>
        <source>Open an index to label its places.</source>
        <translation>Öffnen Sie einen Index, um seine Orte zu labeln.</translation>
    </message>
    <message>
        <source>Labels are kept in the index.</source>
        <translation>Labels werden im Index gespeichert.</translation>
    </message>
    <message>
        <source>This index is on read-only storage: labels need a side file of their own.</source>
        <translation>Dieser Index liegt auf schreibgeschütztem Speicher: Labels brauchen eine eigene Nebendatei.</translation>
    </message>
    <message>
        <source>The index is read-only; labels are kept in %1.</source>
        <translation>Der Index ist schreibgeschützt; Labels werden in %1 gespeichert.</translation>
    </message>
    <message>
        <source>not %1</source>
        <comment>a negative label</comment>
        <translation>nicht %1</translation>
    </message>
    <message>
        <source>The index no longer has this place (it was indexed anew without it)</source>
        <translation>Der Index hat diesen Ort nicht mehr (er wurde ohne ihn neu indexiert)</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MainWindow</name>
    <message>
        <source>rscir</source>
        <translation>rscir</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>Model %1 loaded on %2.</source>
        <translation>Modell %1 auf %2 geladen.</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>Das Modell konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <source>No index open</source>
        <translation>Kein Index geöffnet</translation>
    </message>
    <message>
        <source>Filter by file name or folder</source>
        <translation>Nach Dateiname oder Ordner filtern</translation>
    </message>
    <message>
        <source>Filter the archive</source>
        <translation>Archiv filtern</translation>
    </message>
    <message>
        <source>Archive items</source>
        <translation>Archivelemente</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Index...</source>
        <translation>Index ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Index Folder...</source>
        <translation>Ordner &amp;indizieren …</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Export Results...</source>
        <translation>Ergebnisse &amp;exportieren …</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message>
        <source>Open Query &amp;Image...</source>
        <translation>Anfrage&amp;bild öffnen …</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Use Selected as Query</source>
        <translation>Auswahl als Anfrage &amp;verwenden</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>Edit Query &amp;Text</source>
        <translation>Anfrage&amp;text bearbeiten</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>λ S&amp;weep...</source>
        <translation>λ-&amp;Durchlauf …</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Programmeinstellungen …</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About rscir</source>
        <translation>Über &amp;rscir</translation>
    </message>
    <message>
        <source>About rscir</source>
        <translation>Über rscir</translation>
    </message>
    <message>
        <source>&lt;h3&gt;rscir %1&lt;/h3&gt;&lt;p&gt;Composed image retrieval for remote-sensing archives: an example image plus a text modification, ranked with WeiCom (Psomas et al., IGARSS 2024).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;rscir %1&lt;/h3&gt;&lt;p&gt;Zusammengesetzte Bildsuche in Fernerkundungsarchiven: ein Beispielbild plus eine Textänderung, gerankt mit WeiCom (Psomas et al., IGARSS 2024).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to rscir&lt;/h2&gt;&lt;p&gt;Search an archive of aerial and satellite imagery with an example image and a text: &lt;i&gt;this pool, but oval&lt;/i&gt;. Drag &amp;lambda; to move between &lt;i&gt;like the image&lt;/i&gt; and &lt;i&gt;like the text&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Willkommen bei rscir&lt;/h2&gt;&lt;p&gt;Durchsuchen Sie ein Archiv von Luft- und Satellitenbildern mit einem Beispielbild und einem Text: &lt;i&gt;dieses Becken, aber oval&lt;/i&gt;. Ziehen Sie &amp;lambda;, um zwischen &lt;i&gt;wie das Bild&lt;/i&gt; und &lt;i&gt;wie der Text&lt;/i&gt; zu wechseln.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Loading the model %1...&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Das Modell %1 wird geladen …&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Model %1 is ready.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das Modell %1 ist bereit.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; &lt;a href=&quot;folder&quot;&gt;Index a folder of imagery&lt;/a&gt; or &lt;a href=&quot;index&quot;&gt;open an existing index&lt;/a&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; &lt;a href=&quot;folder&quot;&gt;Einen Bildordner indizieren&lt;/a&gt; oder &lt;a href=&quot;index&quot;&gt;einen vorhandenen Index öffnen&lt;/a&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Archive %1 is open.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das Archiv %1 ist geöffnet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Model: %1 on %2</source>
        <translation>Modell: %1 auf %2</translation>
    </message>
    <message>
        <source>Loading model %1...</source>
        <translation>Modell %1 wird geladen …</translation>
    </message>
    <message>
        <source>Query %1 ms, re-rank %2 ms</source>
        <translation>Anfrage %1 ms, Neusortierung %2 ms</translation>
    </message>
    <message>
        <source>Choose a query image (drop a file, drag a thumbnail, or Open Image) and type what should change.</source>
        <translation>Wählen Sie ein Anfragebild (Datei ablegen, Vorschau ziehen oder „Bild öffnen“) und geben Sie ein, was sich ändern soll.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 geöffnet.</translation>
    </message>
    <message>
        <source>Loading model %1 (%2)...</source>
        <translation>Modell %1 (%2) wird geladen …</translation>
    </message>
    <message>
        <source>An indexing job is already running. Wait for it or cancel it first.</source>
        <translation>Es läuft bereits eine Indizierung. Warten Sie darauf oder brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <source>Indexing %1 into %2.</source>
        <translation>%1 wird in %2 indiziert.</translation>
    </message>
    <message>
        <source>Indexing cancelled; the files done so far are kept and a new run continues from there.</source>
        <translation>Indizierung abgebrochen; die bisher erledigten Dateien bleiben erhalten, ein neuer Lauf setzt dort fort.</translation>
    </message>
    <message>
        <source>Indexing was cancelled. What was indexed is kept; index the folder again to continue.</source>
        <translation>Die Indizierung wurde abgebrochen. Bereits Indiziertes bleibt erhalten; indizieren Sie den Ordner erneut, um fortzufahren.</translation>
    </message>
    <message>
        <source>Indexing stopped: %1</source>
        <translation>Indizierung gestoppt: %1</translation>
    </message>
    <message>
        <source>Indexing done: %1 files, %2 added, %3 changed, %4 removed, %5 could not be read; %6 items encoded in %7 s.</source>
        <translation>Indizierung fertig: %1 Dateien, %2 hinzugefügt, %3 geändert, %4 entfernt, %5 nicht lesbar; %6 Elemente in %7 s kodiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the Log lists them with the reasons.</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden; das Protokoll nennt sie mit Grund.</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden; das Protokoll nennt sie mit den Gründen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use as Query</source>
        <translation>Als Anfrage verwenden</translation>
    </message>
    <message>
        <source>Open Viewer</source>
        <translation>Im Betrachter öffnen</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Open an Archive Index</source>
        <translation>Archivindex öffnen</translation>
    </message>
    <message>
        <source>rscir indexes (*.rscir);;All files (*)</source>
        <translation>rscir-Indizes (*.rscir);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a Folder of Imagery to Index</source>
        <translation>Zu indizierenden Bildordner wählen</translation>
    </message>
    <message>
        <source>Index File</source>
        <translation>Indexdatei</translation>
    </message>
    <message>
        <source>rscir indexes (*.rscir)</source>
        <translation>rscir-Indizes (*.rscir)</translation>
    </message>
    <message>
        <source>Load a Model</source>
        <translation>Modell laden</translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pt *.bin *.pth);;All files (*)</source>
        <translation>Checkpoints (*.safetensors *.pt *.bin *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>GELU (open_clip; how the paper&apos;s numbers were computed)</source>
        <translation>GELU (open_clip; so wurden die Zahlen der Veröffentlichung berechnet)</translation>
    </message>
    <message>
        <source>QuickGELU (correct for OpenAI&apos;s original weights)</source>
        <translation>QuickGELU (richtig für die Originalgewichte von OpenAI)</translation>
    </message>
    <message>
        <source>The activation cannot be read from the weights. Which one was this model trained with?</source>
        <translation>Die Aktivierung lässt sich nicht aus den Gewichten ablesen. Mit welcher wurde dieses Modell trainiert?</translation>
    </message>
    <message>
        <source>Open a Query Image</source>
        <translation>Anfragebild öffnen</translation>
    </message>
    <message>
        <source>The results could not be exported: %1</source>
        <translation>Die Ergebnisse konnten nicht exportiert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n result(s) to %1.</source>
        <translation>
            <numerusform>%n Ergebnis nach %1 exportiert.</numerusform>
            <numerusform>%n Ergebnisse nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Compose a query first: the sweep shows its results for every λ.</source>
        <translation>Stellen Sie zuerst eine Anfrage zusammen: Der Durchlauf zeigt ihre Ergebnisse für jedes λ.</translation>
    </message>
    <message>
        <source>&amp;Models...</source>
        <translation>&amp;Modelle …</translation>
    </message>
    <message>
        <source>Load Model &amp;File...</source>
        <translation>Modell&amp;datei laden …</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; &lt;a href=&quot;models&quot;&gt;Install or import a model&lt;/a&gt; (RemoteCLIP or OpenAI CLIP), or &lt;a href=&quot;model&quot;&gt;load a checkpoint file&lt;/a&gt; with its tokenizer vocabulary beside it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; &lt;a href=&quot;models&quot;&gt;Ein Modell installieren oder importieren&lt;/a&gt; (RemoteCLIP oder OpenAI CLIP) oder &lt;a href=&quot;model&quot;&gt;eine Checkpoint-Datei laden&lt;/a&gt;, neben der ihr Tokenizer-Vokabular liegt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Load a model before indexing: File &gt; Models.</source>
        <translation>Laden Sie vor dem Indizieren ein Modell: Datei &gt; Modelle.</translation>
    </message>
    <message>
        <source>Loading model %1... %2%</source>
        <translation>Modell %1 wird geladen … %2 %</translation>
    </message>
    <message>
        <source>Recent archives</source>
        <translation>Zuletzt verwendete Archive</translation>
    </message>
    <message>
        <source>Indexes opened before; choose one to open it</source>
        <translation>Früher geöffnete Indizes; zum Öffnen einen wählen</translation>
    </message>
    <message>
        <source>Items shown: %1 of %2; searchable with this model: %3</source>
        <translation>Angezeigte Elemente: %1 von %2; mit diesem Modell durchsuchbar: %3</translation>
    </message>
    <message>
        <source>counting...</source>
        <translation>wird gezählt …</translation>
    </message>
    <message>
        <source>Updating... %1</source>
        <translation>Wird aktualisiert … %1</translation>
    </message>
    <message>
        <source>Updating...</source>
        <translation>Wird aktualisiert …</translation>
    </message>
    <message>
        <source>Loading model %1</source>
        <translation>Laden des Modells %1</translation>
    </message>
    <message>
        <source>λ is %1, the default of %2.</source>
        <translation>λ ist %1, der Standardwert von %2.</translation>
    </message>
    <message>
        <source>Images and rasters (%1);;All files (*)</source>
        <translation>Bilder und Raster (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Embeddings: %1 items of %2 values (%3); %4 mapped from the store, %5 in the process&apos;s own memory.</source>
        <translation>Einbettungen: %1 Elemente zu je %2 Werten (%3); %4 aus dem Speicherabbild eingeblendet, %5 im eigenen Speicher des Prozesses.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) in the index</source>
        <translation>
            <numerusform>%Ln Element im Index</numerusform>
            <numerusform>%Ln Elemente im Index</numerusform>
        </translation>
    </message>
    <message>
        <source>Add an Image to the Query</source>
        <translation>Bild zur Anfrage hinzufügen</translation>
    </message>
    <message>
        <source>Open &amp;Query...</source>
        <translation>An&amp;frage öffnen …</translation>
    </message>
    <message>
        <source>&amp;Save Query...</source>
        <translation>Anfrage &amp;speichern …</translation>
    </message>
    <message>
        <source>Recent Q&amp;ueries</source>
        <translation>Zuletzt verwendete An&amp;fragen</translation>
    </message>
    <message>
        <source>&amp;More Like This</source>
        <translation>&amp;Mehr davon</translation>
    </message>
    <message>
        <source>Add the selected result to the query as a wanted example (+)</source>
        <translation>Das gewählte Ergebnis als gewünschtes Beispiel zur Anfrage hinzufügen (+)</translation>
    </message>
    <message>
        <source>&amp;Less Like This</source>
        <translation>&amp;Weniger davon</translation>
    </message>
    <message>
        <source>Add the selected result to the query as something to avoid (−)</source>
        <translation>Das gewählte Ergebnis als zu Vermeidendes zur Anfrage hinzufügen (−)</translation>
    </message>
    <message>
        <source>&amp;Undo Query Change</source>
        <translation>Anfrageänderung &amp;rückgängig</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>like %1</source>
        <translation>wie %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>, not like %1 (ν %2)</source>
        <translation>, nicht wie %1 (ν %2)</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) %1</source>
        <translation>
            <numerusform>%n Ergebnis %1</numerusform>
            <numerusform>%n Ergebnisse %1</numerusform>
        </translation>
    </message>
    <message>
        <source>More Like This</source>
        <translation>Mehr davon</translation>
    </message>
    <message>
        <source>Less Like This</source>
        <translation>Weniger davon</translation>
    </message>
    <message>
        <source>Select a result first, then mark it as more or less like what you want.</source>
        <translation>Wählen Sie zuerst ein Ergebnis und markieren Sie es dann als mehr oder weniger wie gewünscht.</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>Element %1</translation>
    </message>
    <message>
        <source>The query could not be saved: %1</source>
        <translation>Die Anfrage konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saved the query to %1.</source>
        <translation>Anfrage in %1 gespeichert.</translation>
    </message>
    <message>
        <source>The query could not be opened: %1</source>
        <translation>Die Anfrage konnte nicht geöffnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) of the saved query are not in this index and were left out: %1</source>
        <translation>
            <numerusform>%n Beispiel der gespeicherten Anfrage ist nicht in diesem Index und wurde weggelassen: %1</numerusform>
            <numerusform>%n Beispiele der gespeicherten Anfrage sind nicht in diesem Index und wurden weggelassen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The query was saved with the model %1; it is ranked with %2.</source>
        <translation>Die Anfrage wurde mit dem Modell %1 gespeichert; sie wird mit %2 gerankt.</translation>
    </message>
    <message>
        <source>Opened the query %1.</source>
        <translation>Anfrage %1 geöffnet.</translation>
    </message>
    <message>
        <source>Save the Query</source>
        <translation>Anfrage speichern</translation>
    </message>
    <message>
        <source>rscir queries (*.json)</source>
        <translation>rscir-Anfragen (*.json)</translation>
    </message>
    <message>
        <source>Open a Saved Query</source>
        <translation>Gespeicherte Anfrage öffnen</translation>
    </message>
    <message>
        <source>rscir queries (*.json);;All files (*)</source>
        <translation>rscir-Anfragen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>, in %1</source>
        <translation>, in %1</translation>
    </message>
    <message>
        <source>Area %1: %2 of %3 items are ranked.</source>
        <translation>Gebiet %1: %2 von %3 Elementen werden gerankt.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) without a footprint are left out.</source>
        <translation>
            <numerusform>%n Element ohne Umriss bleibt außen vor.</numerusform>
            <numerusform>%n Elemente ohne Umriss bleiben außen vor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Area %1: finding its items...</source>
        <translation>Gebiet %1: seine Elemente werden gesucht …</translation>
    </message>
    <message>
        <source>The query&apos;s area could not be used: %1</source>
        <translation>Das Gebiet der Anfrage ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>S&amp;how the Query Itself</source>
        <translation>Anfrage selbst &amp;zeigen</translation>
    </message>
    <message>
        <source>Keep the query&apos;s own archive items in the results (they count in the normalisation either way)</source>
        <translation>Die Archivelemente der Anfrage selbst in den Ergebnissen behalten (in der Normalisierung zählen sie ohnehin)</translation>
    </message>
    <message>
        <source>Move the slider to choose your own; it then stays.</source>
        <translation>Schieben Sie den Regler, um Ihren eigenen zu wählen; er bleibt dann.</translation>
    </message>
    <message numerus="yes">
        <source>%n of the exported results have no footprint (their images are not georeferenced): their geometry in %1 is empty.</source>
        <translation>
            <numerusform>%n der exportierten Ergebnisse hat keinen Umriss (sein Bild ist nicht georeferenziert): seine Geometrie in %1 ist leer.</numerusform>
            <numerusform>%n der exportierten Ergebnisse haben keinen Umriss (ihre Bilder sind nicht georeferenziert): ihre Geometrie in %1 ist leer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation>Aktivierungsfunktion</translation>
    </message>
    <message>
        <source>This index is incomplete: %1 of the %2 files found were indexed when its last run stopped. File ▸ Resume Indexing goes on where it stopped.</source>
        <translation>Dieser Index ist unvollständig: %1 der %2 gefundenen Dateien waren indiziert, als sein letzter Lauf endete. Datei ▸ Indizierung fortsetzen macht dort weiter.</translation>
    </message>
    <message>
        <source>&amp;Resume Indexing</source>
        <translation>Indizierung &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Index the open index&apos;s folder again: an interrupted run goes on where it stopped</source>
        <translation>Den Ordner des offenen Index erneut indizieren: ein unterbrochener Lauf macht dort weiter, wo er stand</translation>
    </message>
    <message>
        <source>E&amp;valuate</source>
        <translation>&amp;Auswerten</translation>
    </message>
    <message>
        <source>&amp;PatternCom...</source>
        <translation>&amp;PatternCom …</translation>
    </message>
    <message>
        <source>mAP per attribute and λ on PatternCom, with the queries that fail and succeed</source>
        <translation>mAP je Attribut und λ auf PatternCom, mit den Anfragen, die scheitern und gelingen</translation>
    </message>
    <message>
        <source>&amp;Composed Benchmark...</source>
        <translation>&amp;Zusammengesetzter Benchmark …</translation>
    </message>
    <message>
        <source>Recall and mAP of a CSV of query images, texts and target images (e.g. xView2-CIR)</source>
        <translation>Recall und mAP einer CSV-Datei aus Anfragebildern, Texten und Zielbildern (z. B. xView2-CIR)</translation>
    </message>
    <message>
        <source>Benchmark query %1: positives found: %2 of %3</source>
        <translation>Benchmark-Anfrage %1: gefundene Treffer: %2 von %3</translation>
    </message>
    <message>
        <source>The open index changed since the benchmark ran; run it again to choose its queries.</source>
        <translation>Der geöffnete Index hat sich seit dem Benchmark-Lauf geändert; starten Sie ihn erneut, um seine Anfragen zu wählen.</translation>
    </message>
    <message>
        <source>The benchmark&apos;s query image is not in the open index.</source>
        <translation>Das Anfragebild des Benchmarks ist nicht im geöffneten Index.</translation>
    </message>
    <message>
        <source>Benchmark query %1: its positives are marked ✓, the other results ✗.</source>
        <translation>Benchmark-Anfrage %1: ihre Treffer sind mit ✓ markiert, die übrigen Ergebnisse mit ✗.</translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <source>The model last used, %1, is missing (%2 was removed or moved). Choose a model in the Models dialog.</source>
        <translation>Das zuletzt verwendete Modell %1 fehlt (%2 wurde entfernt oder verschoben). Wählen Sie ein Modell im Dialog „Modelle“.</translation>
    </message>
    <message>
        <source>Open Index</source>
        <comment>toolbar</comment>
        <translation>Index öffnen</translation>
    </message>
    <message>
        <source>Index Folder</source>
        <comment>toolbar</comment>
        <translation>Ordner indizieren</translation>
    </message>
    <message>
        <source>Models</source>
        <comment>toolbar</comment>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Query Image</source>
        <comment>toolbar</comment>
        <translation>Abfragebild</translation>
    </message>
    <message>
        <source>More Like</source>
        <comment>toolbar</comment>
        <translation>Mehr davon</translation>
    </message>
    <message>
        <source>Less Like</source>
        <comment>toolbar</comment>
        <translation>Weniger davon</translation>
    </message>
    <message>
        <source>λ Sweep</source>
        <comment>toolbar</comment>
        <translation>λ-Durchlauf</translation>
    </message>
    <message>
        <source>Export</source>
        <comment>toolbar</comment>
        <translation>Exportieren</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were skipped: they lack a band that the chosen bands name (a 3-band file has no band 4). The Log lists them; index them with the automatic bands into another index.</source>
        <translation>
            <numerusform>%n Datei wurde übersprungen: Ihr fehlt ein Kanal, den die gewählten Kanäle nennen (eine Datei mit 3 Kanälen hat keinen Kanal 4). Das Protokoll listet sie; indizieren Sie sie mit den automatischen Kanälen in einen anderen Index.</numerusform>
            <numerusform>%n Dateien wurden übersprungen: Ihnen fehlt ein Kanal, den die gewählten Kanäle nennen (eine Datei mit 3 Kanälen hat keinen Kanal 4). Das Protokoll listet sie; indizieren Sie sie mit den automatischen Kanälen in einen anderen Index.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the Log lists them with the reasons (%1 of them lack a band that the chosen bands name).</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden; das Protokoll listet sie mit den Gründen (%1 davon fehlt ein Kanal, den die gewählten Kanäle nennen).</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden; das Protokoll listet sie mit den Gründen (%1 davon fehlt ein Kanal, den die gewählten Kanäle nennen).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>an index file and its folder</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, results %2</source>
        <comment>a lambda sweep&apos;s title: the method, the query in words</comment>
        <translation>%1, Ergebnisse %2</translation>
    </message>
    <message>
        <source>Preparing the query&apos;s area…</source>
        <translation>Das Gebiet der Abfrage wird vorbereitet…</translation>
    </message>
    <message>
        <source>Read-only: searched as it is</source>
        <translation>Schreibgeschützt: wird durchsucht, wie er ist</translation>
    </message>
    <message numerus="yes">
        <source>one per place; %n more at their places folded under them</source>
        <translation>
            <numerusform>ein Ergebnis je Ort; %n weiteres an seinem Ort darunter zusammengefasst</numerusform>
            <numerusform>ein Ergebnis je Ort; %n weitere an ihren Orten darunter zusammengefasst</numerusform>
        </translation>
    </message>
    <message>
        <source>One Result per &amp;Place</source>
        <translation>Ein Ergebnis je &amp;Ort</translation>
    </message>
    <message>
        <source>List one result per place: a result that overlaps a better one is folded under it (the scores do not change). On by default for archives indexed with overlapping windows.</source>
        <translation>Ein Ergebnis je Ort zeigen: ein Ergebnis, das sich mit einem besseren überschneidet, wird unter diesem zusammengefasst (die Bewertungen ändern sich nicht). Für Archive, die mit überlappenden Fenstern indiziert wurden, standardmäßig an.</translation>
    </message>
    <message>
        <source>one per place</source>
        <translation>ein Ergebnis je Ort</translation>
    </message>
    <message>
        <source>The chips could not be exported: %1</source>
        <translation>Die Ausschnitte konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Replace Chips?</source>
        <translation>Ausschnitte ersetzen?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of these chips are in %1 already. Replace them?</source>
        <translation>
            <numerusform>%n Datei dieser Ausschnitte liegt bereits in %1. Ersetzen?</numerusform>
            <numerusform>%n Dateien dieser Ausschnitte liegen bereits in %1. Ersetzen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n chip(s)</source>
        <translation>
            <numerusform>%n Ausschnitt wird exportiert</numerusform>
            <numerusform>%n Ausschnitte werden exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n chip(s) and their footprints (chips.gpkg) to %1.</source>
        <translation>
            <numerusform>%n Ausschnitt und sein Umriss (chips.gpkg) nach %1 exportiert.</numerusform>
            <numerusform>%n Ausschnitte und ihre Umrisse (chips.gpkg) nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Chips into a Folder</source>
        <translation>Ausschnitte in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Export Chips</source>
        <translation>Ausschnitte exportieren</translation>
    </message>
    <message>
        <source>Write each result&apos;s window as the source keeps it (GeoTIFF: its bands, bit depth and georeferencing), or as the model saw it (PNG with a world file)?</source>
        <translation>Das Fenster jedes Ergebnisses so schreiben, wie die Quelle es hält (GeoTIFF: ihre Kanäle, Bittiefe und Georeferenzierung), oder so, wie das Modell es sah (PNG mit World-Datei)?</translation>
    </message>
    <message>
        <source>As &amp;Stored</source>
        <translation>Wie &amp;gespeichert</translation>
    </message>
    <message>
        <source>Export C&amp;hips...</source>
        <translation>Aus&amp;schnitte exportieren...</translation>
    </message>
    <message>
        <source>Write each result&apos;s window into a folder, as its source keeps it or as the model saw it, with their footprints</source>
        <translation>Das Fenster jedes Ergebnisses in einen Ordner schreiben, wie die Quelle es hält oder wie das Modell es sah, mit ihren Umrissen</translation>
    </message>
    <message>
        <source>As the &amp;Model Saw It</source>
        <translation>Wie das &amp;Modell es sah</translation>
    </message>
    <message>
        <source>%1 is not georeferenced: its score cannot be mapped.</source>
        <translation>%1 ist nicht georeferenziert: seine Bewertung kann nicht auf der Karte gezeigt werden.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>None of these labels has a place on the map.</source>
        <translation>Keines dieser Labels hat einen Ort auf der Karte.</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>&amp;Labels</translation>
    </message>
    <message>
        <source>Label as %1</source>
        <translation>Als %1 labeln</translation>
    </message>
    <message>
        <source>Label as Not %1</source>
        <translation>Als „nicht %1“ labeln</translation>
    </message>
    <message>
        <source>Remove Labels of Selected</source>
        <translation>Labels der Auswahl entfernen</translation>
    </message>
    <message>
        <source>Show Labels Panel</source>
        <translation>Bereich „Labels“ zeigen</translation>
    </message>
    <message>
        <source>Select a result first, then label it.</source>
        <translation>Wählen Sie zuerst ein Ergebnis, dann labeln Sie es.</translation>
    </message>
    <message>
        <source>Labelled %1 as %2.</source>
        <translation>%1 als %2 gelabelt.</translation>
    </message>
    <message>
        <source>Labelled %1 as not %2.</source>
        <translation>%1 als „nicht %2“ gelabelt.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>As %1</source>
        <translation>Als %1</translation>
    </message>
    <message>
        <source>As Not %1</source>
        <translation>Als „nicht %1“</translation>
    </message>
    <message>
        <source>Remove Its Labels</source>
        <translation>Seine Labels entfernen</translation>
    </message>
    <message>
        <source>&amp;Export Labels...</source>
        <translation>Labels &amp;exportieren …</translation>
    </message>
    <message>
        <source>Write the labels as a GeoPackage and, if you like, a folder per label of chips for training</source>
        <translation>Die Labels als GeoPackage schreiben und, wenn gewünscht, einen Ordner je Label mit Chips zum Trainieren</translation>
    </message>
    <message>
        <source>There are no labels to export: label results first (keys 1 to 9).</source>
        <translation>Es gibt keine Labels zum Exportieren: Labeln Sie zuerst Ergebnisse (Tasten 1 bis 9).</translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>Labels exportieren</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Also write each label&apos;s window as a GeoTIFF chip, in a folder per label with a manifest, as classifier and detector trainers read them?</source>
        <translation>Auch das Fenster jedes Labels als GeoTIFF-Chip schreiben, in einem Ordner je Label mit einem Manifest, wie Trainer für Klassifikatoren und Detektoren sie lesen?</translation>
    </message>
    <message>
        <source>Write the Chips into a Folder</source>
        <translation>Die Chips in einen Ordner schreiben</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n label(s)</source>
        <translation>
            <numerusform>Exportiere %n Label</numerusform>
            <numerusform>Exportiere %n Labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n label(s) to %1.</source>
        <translation>
            <numerusform>%n Label nach %1 exportiert.</numerusform>
            <numerusform>%n Labels nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Chips in %1; %n could not be cut (see manifest.csv).</source>
        <translation>
            <numerusform>Chips in %1; %n konnte nicht ausgeschnitten werden (siehe manifest.csv).</numerusform>
            <numerusform>Chips in %1; %n konnten nicht ausgeschnitten werden (siehe manifest.csv).</numerusform>
        </translation>
    </message>
    <message>
        <source>The labels could not be exported: %1</source>
        <translation>Die Labels konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Read-only, searched as it is: its file system is mounted read-only</source>
        <translation>Schreibgeschützt, wird so durchsucht, wie er ist: sein Dateisystem ist schreibgeschützt eingehängt</translation>
    </message>
    <message>
        <source>Read-only, searched as it is: this account may not write the index</source>
        <translation>Schreibgeschützt, wird so durchsucht, wie er ist: dieses Konto darf den Index nicht schreiben</translation>
    </message>
    <message>
        <source>Read-only, searched as it is: this account may not write its folder</source>
        <translation>Schreibgeschützt, wird so durchsucht, wie er ist: dieses Konto darf seinen Ordner nicht schreiben</translation>
    </message>
    <message>
        <source>Only the items the filter keeps are shown.</source>
        <translation>Nur die Objekte, die der Filter behält, werden gezeigt.</translation>
    </message>
    <message>
        <source>Finding the items the filter keeps...</source>
        <translation>Die Objekte, die der Filter behält, werden gesucht …</translation>
    </message>
    <message>
        <source>%1 of %2 items are ranked.</source>
        <translation>%1 von %2 Objekten werden gerankt.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) that do not say what the filter asks are left out.</source>
        <translation>
            <numerusform>%n Objekt, das nicht angibt, wonach der Filter fragt, wird ausgelassen.</numerusform>
            <numerusform>%n Objekte, die nicht angeben, wonach der Filter fragt, werden ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Same Place as the &amp;Query</source>
        <translation>Gleicher Ort wie die &amp;Anfrage</translation>
    </message>
    <message>
        <source>Index STAC &amp;Catalogue...</source>
        <translation>STAC-&amp;Katalog indizieren …</translation>
    </message>
    <message>
        <source>Rank only the items whose footprint overlaps the query image&apos;s at least as much as the filter bar&apos;s overlap (half by default): the same scene at other times (change queries)</source>
        <translation>Nur die Objekte ranken, deren Grundfläche die des Anfragebilds mindestens so stark überdeckt wie die Überlappung in der Filterleiste (standardmäßig zur Hälfte): dieselbe Szene zu anderen Zeiten (Änderungsanfragen)</translation>
    </message>
    <message>
        <source>As the checkpoint says (SigLIP models; GELU for CLIP)</source>
        <translation>Wie der Checkpoint sagt (SigLIP-Modelle; GELU für CLIP)</translation>
    </message>
    <message>
        <source>BASIC (Harris λ)</source>
        <translation>BASIC (Harris-λ)</translation>
    </message>
    <message numerus="yes">
        <source>%n of them score above 0</source>
        <translation>
            <numerusform>%n davon mit Wert über 0</numerusform>
            <numerusform>%n davon mit Wert über 0</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC has no ranking of this query: the message above says why. Change its settings, or choose another method.</source>
        <translation>BASIC hat keine Rangfolge für diese Anfrage: die Meldung oben sagt, warum. Ändern Sie seine Einstellungen oder wählen Sie eine andere Methode.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MapDock</name>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <source>Zoom to the whole archive</source>
        <translation>Auf das ganze Archiv zoomen</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Zoom to the results</source>
        <translation>Auf die Ergebnisse zoomen</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>Draw a rectangle: only items whose footprint meets it are ranked</source>
        <translation>Ein Rechteck zeichnen: nur Elemente, deren Umriss es berührt, werden gerankt</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polygon</translation>
    </message>
    <message>
        <source>Draw a polygon: click its corners, double-click the last (Esc cancels)</source>
        <translation>Ein Polygon zeichnen: Ecken anklicken, die letzte doppelt (Esc bricht ab)</translation>
    </message>
    <message>
        <source>Area...</source>
        <translation>Gebiet …</translation>
    </message>
    <message>
        <source>Load the area from a GeoJSON, GeoPackage or Shapefile (any CRS)</source>
        <translation>Das Gebiet aus GeoJSON, GeoPackage oder Shapefile laden (beliebiges KBS)</translation>
    </message>
    <message>
        <source>Clear Area</source>
        <translation>Gebiet entfernen</translation>
    </message>
    <message>
        <source>Rank the whole archive again</source>
        <translation>Wieder das ganze Archiv ranken</translation>
    </message>
    <message>
        <source>Layer...</source>
        <translation>Ebene …</translation>
    </message>
    <message>
        <source>Add a GIS file to the map: a vector file&apos;s outlines (a county boundary, roads) or a georeferenced raster (an orthophoto)</source>
        <translation>Eine GIS-Datei zur Karte hinzufügen: die Umrisse einer Vektordatei (eine Kreisgrenze, Straßen) oder ein georeferenziertes Raster (ein Orthofoto)</translation>
    </message>
    <message>
        <source>Map background</source>
        <translation>Kartenhintergrund</translation>
    </message>
    <message>
        <source>No background</source>
        <translation>Kein Hintergrund</translation>
    </message>
    <message>
        <source>Archive mosaic</source>
        <translation>Archivmosaik</translation>
    </message>
    <message>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <source>Add a tile service...</source>
        <translation>Kacheldienst hinzufügen …</translation>
    </message>
    <message>
        <source>Load an Area</source>
        <translation>Gebiet laden</translation>
    </message>
    <message>
        <source>Vector files (*.geojson *.json *.gpkg *.shp *.kml *.fgb);;All files (*)</source>
        <translation>Vektordateien (*.geojson *.json *.gpkg *.shp *.kml *.fgb);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Add a Layer</source>
        <translation>Ebene hinzufügen</translation>
    </message>
    <message>
        <source>GIS files (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.tif *.tiff *.vrt *.jp2 *.img);;All files (*)</source>
        <translation>GIS-Dateien (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.tif *.tiff *.vrt *.jp2 *.img);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Map tiles could not be loaded (%1); the map goes on without them.</source>
        <translation>Kartenkacheln ließen sich nicht laden (%1); die Karte kommt ohne sie aus.</translation>
    </message>
    <message>
        <source>Add a Tile Service</source>
        <translation>Kacheldienst hinzufügen</translation>
    </message>
    <message>
        <source>The URL of its tiles, with {z}, {x} and {y} (XYZ, Web Mercator); respect the service&apos;s usage policy:</source>
        <translation>Die URL seiner Kacheln mit {z}, {x} und {y} (XYZ, Web Mercator); beachten Sie die Nutzungsbedingungen des Dienstes:</translation>
    </message>
    <message>
        <source>A tile URL needs {z}, {x} and {y}.</source>
        <translation>Eine Kachel-URL braucht {z}, {x} und {y}.</translation>
    </message>
    <message>
        <source>No area: the whole archive is ranked.</source>
        <translation>Kein Gebiet: das ganze Archiv wird gerankt.</translation>
    </message>
    <message>
        <source>The layer could not be read: %1</source>
        <translation>Die Ebene ließ sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>The area could not be read: %1</source>
        <translation>Das Gebiet ließ sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>No Layers</source>
        <translation>Keine Ebenen</translation>
    </message>
    <message>
        <source>Take the added GIS files off the map</source>
        <translation>Die hinzugefügten GIS-Dateien von der Karte nehmen</translation>
    </message>
    <message>
        <source>%1° %2, %3° %4</source>
        <translation>%1° %2, %3° %4</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Colour the selected result&apos;s scene by the query&apos;s score: every window of it, as rscir scoremap writes it</source>
        <translation>Die Szene des gewählten Ergebnisses nach der Bewertung der Abfrage einfärben: jedes ihrer Fenster, wie rscir scoremap es schreibt</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MapView</name>
    <message>
        <source>Map of the archive and the results</source>
        <translation>Karte des Archivs und der Ergebnisse</translation>
    </message>
    <message>
        <source>None of the results has a footprint.</source>
        <translation>Keines der Ergebnisse hat einen Umriss.</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>No item of this archive has a footprint: its images are not georeferenced.</source>
        <translation>Kein Element dieses Archivs hat einen Umriss: seine Bilder sind nicht georeferenziert.</translation>
    </message>
    <message>
        <source>Open an index to see its footprints.</source>
        <translation>Öffnen Sie einen Index, um seine Umrisse zu sehen.</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors</source>
        <translation>© OpenStreetMap-Mitwirkende</translation>
    </message>
    <message>
        <source>A polygon needs three points or more: click them, double-click the last.</source>
        <translation>Ein Polygon braucht drei Punkte oder mehr: anklicken, den letzten doppelt.</translation>
    </message>
    <message>
        <source>drawn polygon</source>
        <translation>gezeichnetes Polygon</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MessageBar</name>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ModelsDialog</name>
    <message>
        <source>Models - rscir</source>
        <translation>Modelle – rscir</translation>
    </message>
    <message>
        <source>rscir needs a CLIP-style model to embed images and texts. Install one from the list (a download), or import a checkpoint you already have. Models are kept in %1.</source>
        <translation>rscir braucht ein CLIP-artiges Modell, um Bilder und Texte einzubetten. Installieren Sie eines aus der Liste (ein Download) oder importieren Sie einen vorhandenen Checkpoint. Modelle liegen in %1.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Download-Fortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>&amp;Installieren</translation>
    </message>
    <message>
        <source>I&amp;mport Checkpoint...</source>
        <translation>Checkpoint i&amp;mportieren …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Use This Model</source>
        <translation>Dieses Modell &amp;verwenden</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Nicht installiert</translation>
    </message>
    <message>
        <source>Folder: %1&lt;br&gt;SHA-256: %2</source>
        <translation>Ordner: %1&lt;br&gt;SHA-256: %2</translation>
    </message>
    <message>
        <source>not published; recorded at the first download</source>
        <translation>nicht veröffentlicht; beim ersten Download festgehalten</translation>
    </message>
    <message>
        <source>%1 is installed.</source>
        <translation>%1 ist installiert.</translation>
    </message>
    <message>
        <source>Import a Checkpoint</source>
        <translation>Checkpoint importieren</translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pt *.bin *.pth)</source>
        <translation>Checkpoints (*.safetensors *.pt *.bin *.pth)</translation>
    </message>
    <message>
        <source>GELU (open_clip; the paper&apos;s setting)</source>
        <translation>GELU (open_clip; Einstellung der Veröffentlichung)</translation>
    </message>
    <message>
        <source>QuickGELU (OpenAI&apos;s original weights)</source>
        <translation>QuickGELU (Originalgewichte von OpenAI)</translation>
    </message>
    <message>
        <source>next to the checkpoint</source>
        <translation>neben dem Checkpoint</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Default &amp;λ:</source>
        <translation>Standard-&amp;λ:</translation>
    </message>
    <message>
        <source>&amp;Vocabulary:</source>
        <translation>&amp;Vokabular:</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>%1 wurde entfernt.</translation>
    </message>
    <message>
        <source>Cancelled; installing again resumes a download.</source>
        <translation>Abgebrochen; eine erneute Installation setzt einen Download fort.</translation>
    </message>
    <message>
        <source>Installing %1</source>
        <translation>Installation von %1</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Import von %1</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;Source: %2&lt;br&gt;SHA-256: %3&lt;br&gt;Default λ: %4&lt;br&gt;Licence: %5&lt;br&gt;Commercial use: %6</source>
        <translation>%1&lt;br&gt;Quelle: %2&lt;br&gt;SHA-256: %3&lt;br&gt;Standard-λ: %4&lt;br&gt;Lizenz: %5&lt;br&gt;Kommerzielle Nutzung: %6</translation>
    </message>
    <message>
        <source>(not verified)</source>
        <translation>(nicht geprüft)</translation>
    </message>
    <message>
        <source>%1 (not tuned)</source>
        <translation>%1 (nicht abgestimmt)</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>erlaubt</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>nicht erlaubt</translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation>Aktivierungsfunktion</translation>
    </message>
    <message>
        <source>&amp;Activation:</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation>&amp;Aktivierungsfunktion:</translation>
    </message>
    <message>
        <source>%1 is installed. Use This Model loads it.</source>
        <translation>%1 ist installiert. „Dieses Modell verwenden“ lädt es.</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>The Tokenizer Vocabulary</source>
        <translation>Das Tokenizer-Vokabular</translation>
    </message>
    <message>
        <source>Family: %1&lt;br&gt;Towers: %2&lt;br&gt;Tokenizer: %3</source>
        <translation>Familie: %1&lt;br&gt;Türme: %2&lt;br&gt;Tokenizer: %3</translation>
    </message>
    <message>
        <source>Family</source>
        <comment>of a model: CLIP, Long-CLIP or SigLIP</comment>
        <translation>Familie</translation>
    </message>
    <message>
        <source>As the model&apos;s configuration says (else GELU)</source>
        <translation>Wie die Konfiguration des Modells sagt (sonst GELU)</translation>
    </message>
    <message>
        <source>GELU, tanh approximation (transformers&apos; SigLIP)</source>
        <translation>GELU, tanh-Näherung (SigLIP von transformers)</translation>
    </message>
    <message>
        <source>Tokenizers (bpe_simple_vocab_16e6.txt.gz vocab.json merges.txt spiece.model);;All files (*)</source>
        <translation>Tokenizer (bpe_simple_vocab_16e6.txt.gz vocab.json merges.txt spiece.model);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>rscir::ui::QueryPanel</name>
    <message>
        <source>Open Image...</source>
        <translation>Bild öffnen …</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Open a query image</source>
        <translation>Anfragebild öffnen</translation>
    </message>
    <message>
        <source>Clear the query image</source>
        <translation>Anfragebild entfernen</translation>
    </message>
    <message>
        <source>e.g. oval, with trees, red</source>
        <translation>z. B. oval, mit Bäumen, rot</translation>
    </message>
    <message>
        <source>Query text</source>
        <translation>Anfragetext</translation>
    </message>
    <message>
        <source>The modification: what the results should have that the image does not</source>
        <translation>Die Änderung: was die Ergebnisse haben sollen, das Bild aber nicht</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Lambda: from image (0) to text (1)</source>
        <translation>Lambda: vom Bild (0) zum Text (1)</translation>
    </message>
    <message>
        <source>Lambda value</source>
        <translation>Lambda-Wert</translation>
    </message>
    <message>
        <source>&amp;λ:</source>
        <translation>&amp;λ:</translation>
    </message>
    <message>
        <source>WeiCom</source>
        <translation>WeiCom</translation>
    </message>
    <message>
        <source>Image only</source>
        <translation>Nur Bild</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>Nur Text</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Ranking method</source>
        <translation>Ranking-Methode</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>Number of results</source>
        <translation>Anzahl der Ergebnisse</translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation>&amp;Ergebnisse:</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The model that embeds the query; the archive must be indexed with it</source>
        <translation>Das Modell, das die Anfrage einbettet; das Archiv muss damit indiziert sein</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>M&amp;odell:</translation>
    </message>
    <message>
        <source>Ter&amp;ms:</source>
        <translation>Be&amp;griffe:</translation>
    </message>
    <message>
        <source>Want</source>
        <comment>a query term&apos;s role</comment>
        <translation>Gewünscht</translation>
    </message>
    <message>
        <source>Avoid</source>
        <comment>a query term&apos;s role</comment>
        <translation>Vermeiden</translation>
    </message>
    <message>
        <source>Role of the text to add</source>
        <translation>Rolle des hinzuzufügenden Texts</translation>
    </message>
    <message>
        <source>another text, e.g. clouds</source>
        <translation>weiterer Text, z. B. Wolken</translation>
    </message>
    <message>
        <source>Text to add to the query</source>
        <translation>Zur Anfrage hinzuzufügender Text</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add the text to the query</source>
        <translation>Den Text zur Anfrage hinzufügen</translation>
    </message>
    <message>
        <source>Add Image...</source>
        <translation>Bild hinzufügen …</translation>
    </message>
    <message>
        <source>Add a wanted image to the query</source>
        <translation>Ein gewünschtes Bild zur Anfrage hinzufügen</translation>
    </message>
    <message>
        <source>Want / Avoid</source>
        <translation>Gewünscht / Vermeiden</translation>
    </message>
    <message>
        <source>Switch the selected term between wanted and avoided</source>
        <translation>Den gewählten Begriff zwischen gewünscht und zu vermeiden umschalten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected term</source>
        <translation>Den gewählten Begriff entfernen</translation>
    </message>
    <message>
        <source>Weight of what to avoid (ν)</source>
        <translation>Gewicht des zu Vermeidenden (ν)</translation>
    </message>
    <message>
        <source>How strongly avoided terms push results down: 0 ignores them, 1 counts them fully</source>
        <translation>Wie stark zu vermeidende Begriffe Ergebnisse nach unten drücken: 0 ignoriert sie, 1 zählt sie voll</translation>
    </message>
    <message>
        <source>Weight of what to avoid</source>
        <translation>Gewicht des zu Vermeidenden</translation>
    </message>
    <message>
        <source>A&amp;void ν:</source>
        <translation>&amp;Vermeiden ν:</translation>
    </message>
    <message>
        <source>Slerp</source>
        <translation>Slerp</translation>
    </message>
    <message>
        <source>Spherical interpolation between the image and the text embeddings (training-free)</source>
        <translation>Sphärische Interpolation zwischen den Einbettungen von Bild und Text (ohne Training)</translation>
    </message>
    <message>
        <source>To avoid: %1</source>
        <translation>Zu vermeiden: %1</translation>
    </message>
    <message>
        <source>Wanted: %1</source>
        <translation>Gewünscht: %1</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <source>Match the archive&apos;s &amp;ground resolution</source>
        <translation>An die &amp;Bodenauflösung des Archivs anpassen</translation>
    </message>
    <message>
        <source>Resample a georeferenced query image to the archive&apos;s metres per pixel before it is encoded, so that it shows things at the scale of the archive&apos;s windows</source>
        <translation>Ein georeferenziertes Abfragebild vor dem Kodieren auf die Meter pro Pixel des Archivs umrechnen, damit es Dinge im Maßstab der Fenster des Archivs zeigt</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>not georeferenced</source>
        <translation>nicht georeferenziert</translation>
    </message>
    <message>
        <source>Ground resolution: archive %1, query image %2</source>
        <translation>Bodenauflösung: Archiv %1, Abfragebild %2</translation>
    </message>
    <message>
        <source>no image file</source>
        <translation>keine Bilddatei</translation>
    </message>
    <message>
        <source>BASIC</source>
        <translation>BASIC</translation>
    </message>
    <message>
        <source>Centred, projected image and text similarities fused by Harris&apos;s rule (training-free; its space is prepared once per model and archive)</source>
        <translation>Zentrierte, projizierte Bild- und Textähnlichkeiten, nach der Regel von Harris verbunden (ohne Training; ihr Raum wird einmal je Modell und Archiv vorbereitet)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>BASIC&apos;s corpora, image mean, components, expansion and normalisation</source>
        <translation>Korpora, mittleres Bild, Komponenten, Erweiterung und Normierung von BASIC</translation>
    </message>
    <message>
        <source>BASIC settings</source>
        <translation>BASIC-Einstellungen</translation>
    </message>
    <message>
        <source>Harris &amp;λ:</source>
        <translation>Harris-&amp;λ:</translation>
    </message>
    <message>
        <source>Harris lambda: how much BASIC penalises the sum of the similarities (0 to 0.24)</source>
        <translation>Harris-Lambda: wie stark BASIC die Summe der Ähnlichkeiten bestraft (0 bis 0,24)</translation>
    </message>
    <message>
        <source>BASIC scores t·i − λ·(t + i)² from its text and image similarities t and i: at 0 the product alone ranks</source>
        <translation>BASIC bewertet mit t·i − λ·(t + i)² aus seinen Text- und Bildähnlichkeiten t und i: bei 0 bestimmt das Produkt allein die Rangfolge</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ResultsModel</name>
    <message>
        <source>&lt;b&gt;#%1&lt;/b&gt; %2&lt;br&gt;Score: %3&lt;br&gt;Image similarity: %4 (normalised %5)&lt;br&gt;Text similarity: %6 (normalised %7)</source>
        <translation>&lt;b&gt;#%1&lt;/b&gt; %2&lt;br&gt;Punktzahl: %3&lt;br&gt;Bildähnlichkeit: %4 (normiert %5)&lt;br&gt;Textähnlichkeit: %6 (normiert %7)</translation>
    </message>
    <message>
        <source>Rank %1: %2</source>
        <translation>Rang %1: %2</translation>
    </message>
    <message>
        <source>✓ A positive of the benchmark query</source>
        <translation>✓ Ein Treffer der Benchmark-Anfrage</translation>
    </message>
    <message>
        <source>✗ Not a positive of the benchmark query</source>
        <translation>✗ Kein Treffer der Benchmark-Anfrage</translation>
    </message>
    <message>
        <source>#%1  %2  +%3</source>
        <comment>rank, score, results folded under it</comment>
        <translation>#%1  %2  +%3</translation>
    </message>
    <message numerus="yes">
        <source>%n more result(s) at this place, folded under this one: %1</source>
        <translation>
            <numerusform>%n weiteres Ergebnis an diesem Ort, unter diesem zusammengefasst: %1</numerusform>
            <numerusform>%n weitere Ergebnisse an diesem Ort, unter diesem zusammengefasst: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>Labels: %1</translation>
    </message>
    <message>
        <source>Acquired: %1</source>
        <translation>Aufgenommen: %1</translation>
    </message>
</context>
<context>
    <name>rscir::ui::SearchSession</name>
    <message>
        <source>Item %1</source>
        <translation>Element %1</translation>
    </message>
    <message>
        <source>This archive has no embeddings of the model %1 yet. Index the archive with it (File &gt; Index Folder) to search it.</source>
        <translation>Dieses Archiv hat noch keine Einbettungen des Modells %1. Indizieren Sie das Archiv damit (Datei &gt; Ordner indizieren), um es zu durchsuchen.</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The query could not be encoded: %1</source>
        <translation>Die Anfrage konnte nicht kodiert werden: %1</translation>
    </message>
    <message>
        <source>The query image %1 is now a file, which is not part of this archive.</source>
        <translation>Das Anfragebild %1 ist jetzt eine Datei, die nicht zu diesem Archiv gehört.</translation>
    </message>
    <message>
        <source>The query image %1 was an item of the previous archive and has been removed.</source>
        <translation>Das Anfragebild %1 war ein Element des vorigen Archivs und wurde entfernt.</translation>
    </message>
    <message>
        <source>The area could not be applied: %1</source>
        <translation>Das Gebiet ließ sich nicht anwenden: %1</translation>
    </message>
    <message>
        <source>The ranking is current again.</source>
        <translation>Die Rangfolge ist wieder aktuell.</translation>
    </message>
    <message>
        <source>the index to open</source>
        <translation>das Öffnen des Index</translation>
    </message>
    <message>
        <source>the archive&apos;s embeddings to load</source>
        <translation>das Laden der Einbettungen des Archivs</translation>
    </message>
    <message>
        <source>the text “%1”</source>
        <translation>den Text „%1“</translation>
    </message>
    <message>
        <source>the image %1</source>
        <translation>das Bild %1</translation>
    </message>
    <message>
        <source>the archive item %1</source>
        <translation>das Archivelement %1</translation>
    </message>
    <message>
        <source>the area&apos;s items</source>
        <translation>die Elemente des Gebiets</translation>
    </message>
    <message numerus="yes">
        <source>the encoder (%n request(s) waiting)</source>
        <translation>
            <numerusform>den Kodierer (%n Anfrage wartet)</numerusform>
            <numerusform>den Kodierer (%n Anfragen warten)</numerusform>
        </translation>
    </message>
    <message>
        <source>The ranking has been waiting for %1 s for: %2.</source>
        <translation>Die Rangfolge wartet seit %1 s auf: %2.</translation>
    </message>
    <message>
        <source>nothing that is known</source>
        <translation>nichts Bekanntes</translation>
    </message>
    <message>
        <source>where the archive&apos;s items lie (one result per place)</source>
        <translation>die Orte der Archivelemente (ein Ergebnis je Ort)</translation>
    </message>
    <message>
        <source>Where the archive&apos;s items lie could not be read (%1): every result is listed.</source>
        <translation>Die Orte der Archivelemente konnten nicht gelesen werden (%1): alle Ergebnisse werden aufgeführt.</translation>
    </message>
    <message>
        <source>The filter could not be applied: %1</source>
        <translation>Der Filter konnte nicht angewandt werden: %1</translation>
    </message>
    <message>
        <source>the items the filter keeps</source>
        <translation>die Objekte, die der Filter behält</translation>
    </message>
    <message>
        <source>The same place and before or after need the query&apos;s place and time: an archive item, or a georeferenced and dated image. They are off.</source>
        <translation>Gleicher Ort sowie vorher oder nachher brauchen Ort und Zeit der Anfrage: ein Objekt des Archivs oder ein georeferenziertes, datiertes Bild. Sie sind ausgeschaltet.</translation>
    </message>
    <message>
        <source>the archive&apos;s mean image</source>
        <translation>dem mittleren Bild des Archivs</translation>
    </message>
    <message>
        <source>rscir&apos;s remote-sensing corpora</source>
        <translation>den Fernerkundungs-Korpora von rscir</translation>
    </message>
    <message numerus="yes">
        <source>expanded with %n item(s)</source>
        <translation>
            <numerusform>um %n Element erweitert</numerusform>
            <numerusform>um %n Elemente erweitert</numerusform>
        </translation>
    </message>
    <message>
        <source>not expanded</source>
        <translation>nicht erweitert</translation>
    </message>
    <message>
        <source>not normalised</source>
        <translation>nicht normiert</translation>
    </message>
    <message>
        <source>normalised with %1</source>
        <translation>normiert mit %1</translation>
    </message>
    <message numerus="yes">
        <source>BASIC: centred with %1, %n component(s) from %2, %3, %4</source>
        <translation>
            <numerusform>BASIC: zentriert mit %1, %n Komponente aus %2, %3, %4</numerusform>
            <numerusform>BASIC: zentriert mit %1, %n Komponenten aus %2, %3, %4</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC cannot be prepared in this window.</source>
        <translation>BASIC kann in diesem Fenster nicht vorbereitet werden.</translation>
    </message>
    <message>
        <source>embedding BASIC&apos;s corpora</source>
        <translation>die Korpora von BASIC werden eingebettet</translation>
    </message>
    <message>
        <source>reading the archive&apos;s mean image</source>
        <translation>das mittlere Bild des Archivs wird gelesen</translation>
    </message>
    <message>
        <source>Preparing BASIC for %1</source>
        <translation>BASIC wird für %1 vorbereitet</translation>
    </message>
    <message>
        <source>BASIC could not be prepared: %1</source>
        <translation>BASIC konnte nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>BASIC&apos;s preparation was cancelled. Choose BASIC again to prepare it.</source>
        <translation>Die Vorbereitung von BASIC wurde abgebrochen. Wählen Sie BASIC erneut, um es vorzubereiten.</translation>
    </message>
    <message>
        <source>BASIC could not embed the text in context: %1</source>
        <translation>BASIC konnte den Text nicht im Kontext einbetten: %1</translation>
    </message>
    <message>
        <source>BASIC&apos;s space (its corpora embedded, the archive&apos;s mean image)</source>
        <translation>den Raum von BASIC (seine eingebetteten Korpora, das mittlere Bild des Archivs)</translation>
    </message>
    <message>
        <source>the texts in the context of BASIC&apos;s subjects</source>
        <translation>die Texte im Kontext der Motive von BASIC</translation>
    </message>
    <message>
        <source>BASIC&apos;s passes over the archive</source>
        <translation>die Durchläufe von BASIC über das Archiv</translation>
    </message>
</context>
<context>
    <name>rscir::ui::SettingsDialog</name>
    <message>
        <source>Preferences - rscir</source>
        <translation>Einstellungen – rscir</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automatisch (CUDA, wenn verfügbar)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>Alle Kerne</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU-&amp;Threads:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Stapelgröße:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>T&amp;humbnail size:</source>
        <translation>&amp;Vorschaugröße:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Device, threads and language take effect when the application starts again.</source>
        <translation>Gerät, Threads und Sprache wirken sich beim nächsten Start aus.</translation>
    </message>
    <message>
        <source>Exact (fp32, as the reference)</source>
        <translation>Genau (fp32, wie die Referenz)</translation>
    </message>
    <message>
        <source>Fast (bf16, 2.5 to 5 times faster)</source>
        <translation>Schnell (bf16, 2,5- bis 5-mal schneller)</translation>
    </message>
    <message>
        <source>Indexing computes in bf16 on this processor&apos;s native bf16 units. Measured against fp32 on the test models: embeddings agree to a cosine of 0.99997 or better, 9.75 of the 10 nearest neighbours are the same, PatternCom figures move by 0.03 mAP points on average (0.2 at most). Queries are always encoded in fp32.</source>
        <translation>Das Indizieren rechnet in bf16 auf den nativen bf16-Einheiten dieses Prozessors. Gegen fp32 gemessen an den Testmodellen: Die Einbettungen stimmen bis auf einen Kosinus von 0,99997 oder besser überein, 9,75 der 10 nächsten Nachbarn sind dieselben, PatternCom-Werte ändern sich im Mittel um 0,03 mAP-Punkte (höchstens 0,2). Anfragen werden immer in fp32 kodiert.</translation>
    </message>
    <message>
        <source>This processor has no native bf16 (AVX512-BF16 or AMX): indexing computes in fp32.</source>
        <translation>Dieser Prozessor hat kein natives bf16 (AVX512-BF16 oder AMX): Das Indizieren rechnet in fp32.</translation>
    </message>
    <message>
        <source>&amp;Indexing precision:</source>
        <translation>&amp;Genauigkeit beim Indizieren:</translation>
    </message>
    <message>
        <source>Half (fp16): half the memory and scan time</source>
        <translation>Halb (fp16): halber Speicher und halbe Suchzeit</translation>
    </message>
    <message>
        <source>Single (fp32)</source>
        <translation>Einfach (fp32)</translation>
    </message>
    <message>
        <source>How a new index keeps its embeddings. fp16 rankings agree with fp32 to within 0.01 mAP points on the PatternCom test set.</source>
        <translation>Wie ein neuer Index seine Einbettungen speichert. fp16-Rangfolgen stimmen mit fp32 auf dem PatternCom-Testsatz bis auf 0,01 mAP-Punkte überein.</translation>
    </message>
    <message>
        <source>&amp;Storage of new indexes:</source>
        <translation>&amp;Speicherung neuer Indizes:</translation>
    </message>
    <message>
        <source>Threads for everything that computes at once: searches over the archive, decoding images while indexing, and the model</source>
        <translation>Threads für alles, was gleichzeitig rechnet: Suchen im Archiv, das Dekodieren von Bildern beim Indexieren und das Modell</translation>
    </message>
</context>
<context>
    <name>rscir::ui::SweepDialog</name>
    <message>
        <source>λ Sweep - rscir</source>
        <translation>λ-Durchlauf – rscir</translation>
    </message>
    <message>
        <source>Export as &amp;PNG...</source>
        <translation>Als &amp;PNG exportieren …</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Export the λ Sweep</source>
        <translation>λ-Durchlauf exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The λ of the window</source>
        <translation>Das λ des Fensters</translation>
    </message>
    <message>
        <source>Item %1, score %2; click to open it</source>
        <translation>Element %1, Wert %2; zum Öffnen anklicken</translation>
    </message>
</context>
<context>
    <name>rscir::ui::TermList</name>
    <message>
        <source>Query terms</source>
        <translation>Anfragebegriffe</translation>
    </message>
    <message>
        <source>Every image and text of the query; + wanted, − to avoid. Drop more images here.</source>
        <translation>Alle Bilder und Texte der Anfrage; + gewünscht, − zu vermeiden. Weitere Bilder hier ablegen.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::TileLoader</name>
    <message>
        <source>the tile service sent something that is not an image</source>
        <translation>der Kacheldienst sandte etwas, das kein Bild ist</translation>
    </message>
    <message>
        <source>the tile service sent a tile larger than %1 MB</source>
        <translation>der Kachel-Dienst hat eine Kachel gesendet, die größer als %1 MB ist</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ViewerDialog</name>
    <message>
        <source>&amp;Use as Query</source>
        <translation>Als Anfrage &amp;verwenden</translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation>Pfad &amp;kopieren</translation>
    </message>
    <message>
        <source>Open Containing &amp;Folder</source>
        <translation>Enthaltenden &amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Item %1 is no longer in the index.</source>
        <translation>Element %1 ist nicht mehr im Index.</translation>
    </message>
    <message>
        <source>%1 - rscir</source>
        <translation>%1 – rscir</translation>
    </message>
    <message>
        <source>Window: x %1, y %2, %3 x %4 pixels&lt;br&gt;</source>
        <translation>Fenster: x %1, y %2, %3 × %4 Pixel&lt;br&gt;</translation>
    </message>
    <message>
        <source>Raster: %1 x %2, %3 band(s), %4 (%5)&lt;br&gt;</source>
        <translation>Raster: %1 × %2, %3 Kanal/Kanäle, %4 (%5)&lt;br&gt;</translation>
    </message>
    <message>
        <source>CRS: %1&lt;br&gt;</source>
        <translation>KBS: %1&lt;br&gt;</translation>
    </message>
    <message>
        <source>Not georeferenced&lt;br&gt;</source>
        <translation>Nicht georeferenziert&lt;br&gt;</translation>
    </message>
    <message>
        <source>Centre: %1° %2, %3° %4&lt;br&gt;</source>
        <translation>Mitte: %1° %2, %3° %4&lt;br&gt;</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>Fused score: %1&lt;br&gt;Image similarity: %2 (normalised %3)&lt;br&gt;Text similarity: %4 (normalised %5)</source>
        <translation>Kombinierte Punktzahl: %1&lt;br&gt;Bildähnlichkeit: %2 (normiert %3)&lt;br&gt;Textähnlichkeit: %4 (normiert %5)</translation>
    </message>
    <message>
        <source>The image cannot be shown: %1</source>
        <translation>Das Bild kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>The item&apos;s window on its whole raster</source>
        <translation>Das Fenster des Elements auf seinem ganzen Raster</translation>
    </message>
    <message>
        <source>← &amp;Previous Result</source>
        <translation>← &amp;Voriges Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Next Result →</source>
        <translation>&amp;Nächstes Ergebnis →</translation>
    </message>
    <message>
        <source>Result %1 of %2</source>
        <translation>Ergebnis %1 von %2</translation>
    </message>
    <message>
        <source>✓ A positive of the benchmark query</source>
        <translation>✓ Ein Treffer der Benchmark-Anfrage</translation>
    </message>
    <message>
        <source>✗ Not a positive of the benchmark query</source>
        <translation>✗ Kein Treffer der Benchmark-Anfrage</translation>
    </message>
    <message>
        <source>Avoided similarity: %1 (normalised %2, taken off)</source>
        <translation>Ähnlichkeit zum Gemiedenen: %1 (normiert %2, abgezogen)</translation>
    </message>
    <message>
        <source>Acquired: %1 (%2)&lt;br&gt;</source>
        <translation>Aufgenommen: %1 (%2)&lt;br&gt;</translation>
    </message>
</context>
<context>
    <name>rscir::ui::WorkbenchWindow</name>
    <message>
        <source>Image only</source>
        <translation>Nur Bild</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>Nur Text</translation>
    </message>
    <message>
        <source>Average of similarities</source>
        <translation>Mittel der Ähnlichkeiten</translation>
    </message>
    <message>
        <source>WeiCom, λ %1</source>
        <translation>WeiCom, λ %1</translation>
    </message>
    <message>
        <source>Slerp, λ %1</source>
        <translation>Slerp, λ %1</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>Dichte</translation>
    </message>
    <message>
        <source>Existence</source>
        <translation>Vorhandensein</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>WeiCom mAP (%) against λ, per attribute</source>
        <translation>WeiCom-mAP (%) über λ, je Attribut</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>WeiCom mAP and recall (%) against λ</source>
        <translation>WeiCom-mAP und -Recall (%) über λ</translation>
    </message>
    <message>
        <source>Benchmark Workbench</source>
        <translation>Benchmark-Werkbank</translation>
    </message>
    <message>
        <source>PatternCom (PatternNet)</source>
        <translation>PatternCom (PatternNet)</translation>
    </message>
    <message>
        <source>Composed benchmark (CSV: image, text, targets)</source>
        <translation>Zusammengesetzter Benchmark (CSV: Bild, Text, Ziele)</translation>
    </message>
    <message>
        <source>Benchmark:</source>
        <translation>Benchmark:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Text column:</source>
        <translation>Textspalte:</translation>
    </message>
    <message>
        <source>WeiCom&apos;s λ values: a list (0,0.3,0.5) or a range START:STOP:STEP</source>
        <translation>λ-Werte für WeiCom: eine Liste (0,0.3,0.5) oder ein Bereich START:ENDE:SCHRITT</translation>
    </message>
    <message>
        <source>λ values:</source>
        <translation>λ-Werte:</translation>
    </message>
    <message>
        <source>Runs on:</source>
        <translation>Läuft auf:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Compare with the paper&apos;s sweep (RemoteCLIP ViT-L/14, Table 3)</source>
        <translation>Mit dem Verlauf aus dem Artikel vergleichen (RemoteCLIP ViT-L/14, Tabelle 3)</translation>
    </message>
    <message>
        <source>Dashed: the mAP the paper publishes for RemoteCLIP ViT-L/14 at each λ (before the authors&apos; 2024 correction of Existence)</source>
        <translation>Gestrichelt: die mAP, die der Artikel für RemoteCLIP ViT-L/14 bei jedem λ veröffentlicht (vor der Korrektur von „Vorhandensein“ durch die Autoren 2024)</translation>
    </message>
    <message>
        <source>Export Chart...</source>
        <translation>Diagramm exportieren …</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Lauf:</translation>
    </message>
    <message>
        <source>Show in the Main Window</source>
        <translation>Im Hauptfenster zeigen</translation>
    </message>
    <message>
        <source>Load the query&apos;s image and text into the main window and mark which results are its positives (also: double-click a row)</source>
        <translation>Bild und Text der Anfrage ins Hauptfenster laden und markieren, welche Ergebnisse ihre Treffer sind (auch: Doppelklick auf eine Zeile)</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Save Report...</source>
        <translation>Bericht speichern …</translation>
    </message>
    <message>
        <source>The benchmark&apos;s CSV file; its paths are relative to the open archive</source>
        <translation>Die CSV-Datei des Benchmarks; ihre Pfade sind relativ zum geöffneten Archiv</translation>
    </message>
    <message>
        <source>The PatternNet folder: patternnet.csv, PatternCom/, images/</source>
        <translation>Der PatternNet-Ordner: patternnet.csv, PatternCom/, images/</translation>
    </message>
    <message>
        <source>the open index %1 and the model %2</source>
        <translation>dem geöffneten Index %1 und dem Modell %2</translation>
    </message>
    <message>
        <source>nothing yet: open an index of the dataset&apos;s images and load a model</source>
        <translation>noch nichts: Öffnen Sie einen Index der Bilder des Datensatzes und laden Sie ein Modell</translation>
    </message>
    <message>
        <source>Composed Benchmark</source>
        <translation>Zusammengesetzter Benchmark</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>PatternNet Folder</source>
        <translation>PatternNet-Ordner</translation>
    </message>
    <message>
        <source>Open an index of the benchmark&apos;s images and load a model first: the workbench ranks with them.</source>
        <translation>Öffnen Sie zuerst einen Index der Bilder des Benchmarks und laden Sie ein Modell: Die Werkbank rankt damit.</translation>
    </message>
    <message>
        <source>Choose the benchmark&apos;s CSV file.</source>
        <translation>Wählen Sie die CSV-Datei des Benchmarks.</translation>
    </message>
    <message>
        <source>Choose the PatternNet folder.</source>
        <translation>Wählen Sie den PatternNet-Ordner.</translation>
    </message>
    <message>
        <source>PatternCom benchmark</source>
        <translation>PatternCom-Benchmark</translation>
    </message>
    <message>
        <source>Composed benchmark</source>
        <translation>Zusammengesetzter Benchmark</translation>
    </message>
    <message>
        <source>Running...</source>
        <translation>Läuft …</translation>
    </message>
    <message>
        <source>encoding the texts</source>
        <translation>Texte werden kodiert</translation>
    </message>
    <message>
        <source>ranking the queries</source>
        <translation>Anfragen werden gerankt</translation>
    </message>
    <message>
        <source>Running: %1, %2 of %3</source>
        <translation>Läuft: %1, %2 von %3</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n quer(ies).</source>
        <translation>
            <numerusform>Fertig: %n Anfrage.</numerusform>
            <numerusform>Fertig: %n Anfragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; the last results stay.</source>
        <translation>Abgebrochen; die letzten Ergebnisse bleiben.</translation>
    </message>
    <message>
        <source>The best λ of this run</source>
        <translation>Das beste λ dieses Laufs</translation>
    </message>
    <message>
        <source>Run a benchmark to see mAP against λ</source>
        <translation>Starten Sie einen Benchmark, um die mAP über λ zu sehen</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>Prozent</translation>
    </message>
    <message>
        <source>%1 (paper)</source>
        <translation>%1 (Artikel)</translation>
    </message>
    <message>
        <source>First positive</source>
        <translation>Erster Treffer</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>SVG (*.svg);;PNG (*.png)</source>
        <translation>SVG (*.svg);;PNG (*.png)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>%1 geschrieben.</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>Bericht wird geschrieben</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <source>Filter by attribute, image, class, value or text</source>
        <translation>Nach Attribut, Bild, Klasse, Wert oder Text filtern</translation>
    </message>
    <message>
        <source>Run</source>
        <comment>the table&apos;s first column: one run of the benchmark</comment>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>AP (%)</source>
        <translation>AP (%)</translation>
    </message>
    <message>
        <source>mAP (%) of each run</source>
        <comment>the table&apos;s first column</comment>
        <translation>mAP (%) je Lauf</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n quer(ies). %1 of their targets are not among the index&apos;s images and count as never found; check the CSV&apos;s paths.</source>
        <translation>
            <numerusform>Fertig: %n Anfrage. %1 ihrer Ziele sind nicht unter den Bildern des Index und zählen als nie gefunden; prüfen Sie die Pfade der CSV-Datei.</numerusform>
            <numerusform>Fertig: %n Anfragen. %1 ihrer Ziele sind nicht unter den Bildern des Index und zählen als nie gefunden; prüfen Sie die Pfade der CSV-Datei.</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC, Harris λ %1</source>
        <translation>BASIC, Harris-λ %1</translation>
    </message>
    <message>
        <source>embedding BASIC&apos;s corpora</source>
        <translation>die Korpora von BASIC werden eingebettet</translation>
    </message>
    <message>
        <source>BASIC mAP (%) against the Harris weight, per attribute</source>
        <translation>BASIC-mAP (%) über dem Harris-Gewicht, je Attribut</translation>
    </message>
    <message>
        <source>Harris λ</source>
        <translation>Harris-λ</translation>
    </message>
    <message>
        <source>BASIC mAP and recall (%) against the Harris weight</source>
        <translation>BASIC-mAP und Recall (%) über dem Harris-Gewicht</translation>
    </message>
    <message>
        <source>Which of %1 and %2 ranks the query&apos;s positives higher (%3 against %4), by how many points of AP</source>
        <translation>Welche Methode, %1 oder %2, die Positiven der Anfrage höher einordnet (%3 gegen %4), und um wie viele AP-Punkte</translation>
    </message>
    <message>
        <source>Better</source>
        <comment>which of two methods ranks a query&apos;s positives higher</comment>
        <translation>Besser</translation>
    </message>
    <message>
        <source>tie</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>%1 +%2</source>
        <comment>which method wins a query, and by how many points of AP</comment>
        <translation>%1 +%2</translation>
    </message>
    <message>
        <source>AP %1 with %2; AP %3 with %4</source>
        <translation>AP %1 mit %2; AP %3 mit %4</translation>
    </message>
    <message>
        <source>BASIC&apos;s Harris weights, each below 0.25, with the window&apos;s BASIC settings; empty: BASIC is not run</source>
        <translation>Die Harris-Gewichte von BASIC, jedes unter 0,25, mit den BASIC-Einstellungen des Fensters; leer: BASIC läuft nicht</translation>
    </message>
    <message>
        <source>BASIC&apos;s Harris λ:</source>
        <translation>Harris-λ von BASIC:</translation>
    </message>
    <message>
        <source>The method whose sweep is drawn</source>
        <translation>Die Methode, deren Durchlauf gezeichnet wird</translation>
    </message>
    <message>
        <source>&amp;Sweep of:</source>
        <translation>&amp;Durchlauf von:</translation>
    </message>
    <message>
        <source>BASIC&apos;s best Harris λ in this run</source>
        <translation>Das beste Harris-λ von BASIC in diesem Lauf</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ZoomView</name>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
</context>
</TS>
