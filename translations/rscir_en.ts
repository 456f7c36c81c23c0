<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>EncoderBackend</name>
    <message numerus="yes">
        <source>CPU (%n thread(s), bf16)</source>
        <translation>
            <numerusform>CPU (%n thread, bf16)</numerusform>
            <numerusform>CPU (%n threads, bf16)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU (%n thread)</numerusform>
            <numerusform>CPU (%n threads)</numerusform>
        </translation>
    </message>
    <message>
        <source>GPU (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::ArchiveItemModel</name>
    <message>
        <source>%1
Window: %2
Item %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::ArchiveService</name>
    <message>
        <source>Item %1 has no embedding of the current model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This index was written in an earlier format; its embeddings are read into memory. Indexing the archive again converts it to the format that opens at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::BasicSettingsDialog</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Corpora:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir&apos;s remote-sensing corpora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpora folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Folder with subjects.csv and styles.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image &amp;mean:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the archive&apos;s own mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean image embedding (.npy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean Image Embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight of the styles&apos; scatter in the contrastive PCA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Styles&apos; &amp;weight (aa):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many eigenvectors, of positive eigenvalue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mponents:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive items nearest to the projected query image that expand it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expansion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A text is embedded beside this many subjects, each way, and averaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;xt in context of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Normalisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synthetic set for the normalisation (.npy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synthetic Set [2, n, d]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s space is prepared once for each model, archive and these settings; the Harris weight then moves the ranking without a pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mean image embedding %1 is not there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The synthetic set %1 is not there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::CatalogueDialog</name>
    <message>
        <source>Index a STAC Catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A STAC catalogue, collection, item or item collection: a file, or an http(s) address (a STAC API&apos;s search too). Its items&apos; files are indexed with their dates, platforms and cloud cover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalogue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the visual one, else the first GeoTIFF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of the asset of each item to index, e.g. visual or image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the files hold them, e.g. red,green,blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bands by name (a band&apos;s name or common name): of one asset, or one single-band asset each (as Sentinel-2 is published), read as one image. One band is read as gray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STAC Catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STAC documents (*.json *.geojson);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a catalogue&apos;s file or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is neither a file nor an http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the bands by name, e.g. red,green,blue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give one band (gray) or three (red, green, blue), e.g. red,green,blue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::DateHistogram</name>
    <message>
        <source>Acquisition dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items per acquisition date: drag across the bars to keep a time span, double-click to clear it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive&apos;s items carry no acquisition dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rscir::ui::EncoderService</name>
    <message>
        <source>No model is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::EngineMessages</name>
    <message>
        <source>%1: the file disappeared (it was removed or renamed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the file disappeared while it was being read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a raster that GDAL can read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged (truncated or corrupt): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 x %3 pixels (%4 megapixels); at most %5 megapixels are read (%6 sets the limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tokenizer vocabulary was found for the model %1: put bpe_simple_vocab_16e6.txt.gz next to its checkpoint, or give one in the models dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive folder %1 does not exist or is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a vector file that GDAL/OGR can read; give a GeoJSON, GeoPackage or Shapefile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no polygons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not georeferenced: the map cannot place it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a whole pickled model (the class %2), not a state dict; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no images or rasters that rscir reads (.tif, .jpg, .png and others); no index was made. Choose the folder that holds the imagery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedding of item %1 in %2 is damaged (not a finite number). Check every row and encode the damaged ones again with: rscir index --verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index %1 is damaged or truncated (%2). rscir leaves it as it is: restore it from a copy, or index the archive into a new file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tokenizer vocabulary was found next to %1: put bpe_simple_vocab_16e6.txt.gz (or vocab.json and merges.txt) beside the checkpoint, or give one in the models dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedding store %1 is a symbolic link. rscir reads and writes an index&apos;s stores only as the files it made: remove the link and index the archive again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names a source that rscir does not read: %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 vertices; at most %3 are used for an area. Simplify it in a GIS first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels cannot be stored in %1: it is on storage this account may not write. Keep them in a side file instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No SentencePiece tokenizer was found for the SigLIP model %1: put its spiece.model next to its checkpoint, or give one in the models dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model %1 needs its %2 tokenizer, and %3 is not one. Give the model&apos;s own tokenizer in the models dialog.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::Errors</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected failure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected failure.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::FilterBar</name>
    <message>
        <source>Any Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank items of any acquisition time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud cover at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <comment>a percentage&apos;s suffix</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest cloud cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same place as the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquired relative to the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquired %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquired from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquired until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquired at any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only items whose footprint overlaps the query image&apos;s at least as much as the overlap beside: the same scene at other times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlap ≥ </source>
        <comment>intersection over union of two footprints, before its value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least overlap with the query&apos;s footprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area both footprints cover, divided by the area either covers (intersection over union): 1 is the same footprint, 0.5 the default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::ImageWell</name>
    <message>
        <source>Query image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image here,
or drag a thumbnail,
or use Open Image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::IndexJob</name>
    <message>
        <source>Indexing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast indexing needs a model on a processor that computes bf16 natively; this run computes in fp32.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::IndexOptionsDialog</name>
    <message>
        <source>Indexing Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (as QGIS draws it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Natural colour (bands 1, 2, 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False colour, near infrared-red-green (bands 4, 3, 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which bands the model sees as red, green and blue (or one band as gray)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one band, or three: e.g. 5,4,3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom display bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rasters larger than this are cut into windows of this size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tile size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overlap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stretch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This index was made with these options; a run updates it with the same ones. Choose a new index file to index with others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give one band (gray) or three (red, green, blue), separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (8-bit as it is, others 2–98 % percentiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percentiles 2–98 %, always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (clamp to 0–255)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As each file has it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index an archive of mixed resolutions at one: every window then covers the tile size times this many metres, whatever its file&apos;s own resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ground resolution:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::JobsPanel</name>
    <message>
        <source>Background jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::LabelService</name>
    <message>
        <source>not %1</source>
        <comment>a negative label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels cannot be stored in %1: it is on storage this account may not write. Choose a side file for them in the Labels panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::LabelsPanel</name>
    <message>
        <source>Choose Side File...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the labels of this index in a file of your own, since the index cannot be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names, separated by commas: pool, tennis court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys 1 to 9 give the selected result these labels, in this order; Ctrl+1 to Ctrl+9 label it as not that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by label or file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected labels (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom the map to the selected labels, or to all of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <comment>a default label name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the Labels in a Side File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir labels (*.rscir-labels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an index to label its places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels are kept in the index.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This index is on read-only storage: labels need a side file of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index is read-only; labels are kept in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not %1</source>
        <comment>a negative label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index no longer has this place (it was indexed anew without it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::MainWindow</name>
    <message>
        <source>rscir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model %1 loaded on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading model %1... %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No index open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by file name or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Index...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Index Folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Model &amp;File...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Results...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Query &amp;Image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use Selected as Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Query &amp;Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ S&amp;weep...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About rscir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About rscir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;rscir %1&lt;/h3&gt;&lt;p&gt;Composed image retrieval for remote-sensing archives: an example image plus a text modification, ranked with WeiCom (Psomas et al., IGARSS 2024).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to rscir&lt;/h2&gt;&lt;p&gt;Search an archive of aerial and satellite imagery with an example image and a text: &lt;i&gt;this pool, but oval&lt;/i&gt;. Drag &amp;lambda; to move between &lt;i&gt;like the image&lt;/i&gt; and &lt;i&gt;like the text&lt;/i&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Loading the model %1...&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; &lt;a href=&quot;models&quot;&gt;Install or import a model&lt;/a&gt; (RemoteCLIP or OpenAI CLIP), or &lt;a href=&quot;model&quot;&gt;load a checkpoint file&lt;/a&gt; with its tokenizer vocabulary beside it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Model %1 is ready.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; &lt;a href=&quot;folder&quot;&gt;Index a folder of imagery&lt;/a&gt; or &lt;a href=&quot;index&quot;&gt;open an existing index&lt;/a&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Archive %1 is open.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading model %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query %1 ms, re-rank %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a query image (drop a file, drag a thumbnail, or Open Image) and type what should change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading model %1 (%2)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An indexing job is already running. Wait for it or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a model before indexing: File &gt; Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing %1 into %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing cancelled; the files done so far are kept and a new run continues from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing was cancelled. What was indexed is kept; index the folder again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing done: %1 files, %2 added, %3 changed, %4 removed, %5 could not be read; %6 items encoded in %7 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the Log lists them with the reasons.</source>
        <translation>
            <numerusform>%n file could not be read; the Log lists them with the reasons.</numerusform>
            <numerusform>%n files could not be read; the Log lists them with the reasons.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use as Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an Archive Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir indexes (*.rscir);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Folder of Imagery to Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir indexes (*.rscir)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pt *.bin *.pth);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GELU (open_clip; how the paper&apos;s numbers were computed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QuickGELU (correct for OpenAI&apos;s original weights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The activation cannot be read from the weights. Which one was this model trained with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Query Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The results could not be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n result(s) to %1.</source>
        <translation>
            <numerusform>Exported %n result to %1.</numerusform>
            <numerusform>Exported %n results to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose a query first: the sweep shows its results for every λ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent archives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexes opened before; choose one to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items shown: %1 of %2; searchable with this model: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating... %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ is %1, the default of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images and rasters (%1);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embeddings: %1 items of %2 values (%3); %4 mapped from the store, %5 in the process&apos;s own memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) in the index</source>
        <translation>
            <numerusform>%Ln item in the index</numerusform>
            <numerusform>%Ln items in the index</numerusform>
        </translation>
    </message>
    <message>
        <source>Add an Image to the Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Query...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Query...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent Q&amp;ueries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;More Like This</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected result to the query as a wanted example (+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Less Like This</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected result to the query as something to avoid (−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Query Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>like %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, not like %1 (ν %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) %1</source>
        <translation>
            <numerusform>%n result %1</numerusform>
            <numerusform>%n results %1</numerusform>
        </translation>
    </message>
    <message>
        <source>More Like This</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less Like This</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a result first, then mark it as more or less like what you want.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the query to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) of the saved query are not in this index and were left out: %1</source>
        <translation>
            <numerusform>%n example of the saved query is not in this index and was left out: %1</numerusform>
            <numerusform>%n examples of the saved query are not in this index and were left out: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The query was saved with the model %1; it is ranked with %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the query %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir queries (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Saved Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir queries (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area %1: %2 of %3 items are ranked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) without a footprint are left out.</source>
        <translation>
            <numerusform>%n item without a footprint is left out.</numerusform>
            <numerusform>%n items without a footprint are left out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Area %1: finding its items...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query&apos;s area could not be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how the Query Itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the query&apos;s own archive items in the results (they count in the normalisation either way)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the slider to choose your own; it then stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of the exported results have no footprint (their images are not georeferenced): their geometry in %1 is empty.</source>
        <translation>
            <numerusform>%n of the exported results has no footprint (its image is not georeferenced): its geometry in %1 is empty.</numerusform>
            <numerusform>%n of the exported results have no footprint (their images are not georeferenced): their geometry in %1 is empty.</numerusform>
        </translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This index is incomplete: %1 of the %2 files found were indexed when its last run stopped. File ▸ Resume Indexing goes on where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume Indexing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index the open index&apos;s folder again: an interrupted run goes on where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;valuate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PatternCom...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mAP per attribute and λ on PatternCom, with the queries that fail and succeed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Composed Benchmark...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall and mAP of a CSV of query images, texts and target images (e.g. xView2-CIR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark query %1: positives found: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open index changed since the benchmark ran; run it again to choose its queries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The benchmark&apos;s query image is not in the open index.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark query %1: its positives are marked ✓, the other results ✗.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model last used, %1, is missing (%2 was removed or moved). Choose a model in the Models dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Index</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index Folder</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Image</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More Like</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less Like</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ Sweep</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <comment>toolbar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were skipped: they lack a band that the chosen bands name (a 3-band file has no band 4). The Log lists them; index them with the automatic bands into another index.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the Log lists them with the reasons (%1 of them lack a band that the chosen bands name).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>an index file and its folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, results %2</source>
        <comment>a lambda sweep&apos;s title: the method, the query in words</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the query&apos;s area…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: searched as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>one per place; %n more at their places folded under them</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>One Result per &amp;Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List one result per place: a result that overlaps a better one is folded under it (the scores do not change). On by default for archives indexed with overlapping windows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one per place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chips could not be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace Chips?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of these chips are in %1 already. Replace them?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n chip(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n chip(s) and their footprints (chips.gpkg) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export Chips into a Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write each result&apos;s window as the source keeps it (GeoTIFF: its bands, bit depth and georeferencing), or as the model saw it (PNG with a world file)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As &amp;Stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export C&amp;hips...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write each result&apos;s window into a folder, as its source keeps it or as the model saw it, with their footprints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the &amp;Model Saw It</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not georeferenced: its score cannot be mapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of these labels has a place on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label as Not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Labels of Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Labels Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a result first, then label it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled %1 as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled %1 as not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As Not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Its Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Labels...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the labels as a GeoPackage and, if you like, a folder per label of chips for training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no labels to export: label results first (keys 1 to 9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write each label&apos;s window as a GeoTIFF chip, in a folder per label with a manifest, as classifier and detector trainers read them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the Chips into a Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n label(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n label(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Chips in %1; %n could not be cut (see manifest.csv).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The labels could not be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only, searched as it is: its file system is mounted read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only, searched as it is: this account may not write the index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only, searched as it is: this account may not write its folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the items the filter keeps are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the items the filter keeps...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items are ranked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) that do not say what the filter asks are left out.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Same Place as the &amp;Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index STAC &amp;Catalogue...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank only the items whose footprint overlaps the query image&apos;s at least as much as the filter bar&apos;s overlap (half by default): the same scene at other times (change queries)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the checkpoint says (SigLIP models; GELU for CLIP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC (Harris λ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of them score above 0</source>
        <translation>
            <numerusform>%n of them scores above 0</numerusform>
            <numerusform>%n of them score above 0</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC has no ranking of this query: the message above says why. Change its settings, or choose another method.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::MapDock</name>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to the whole archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a rectangle: only items whose footprint meets it are ranked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a polygon: click its corners, double-click the last (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the area from a GeoJSON, GeoPackage or Shapefile (any CRS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank the whole archive again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a GIS file to the map: a vector file&apos;s outlines (a county boundary, roads) or a georeferenced raster (an orthophoto)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive mosaic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenStreetMap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a tile service...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load an Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vector files (*.geojson *.json *.gpkg *.shp *.kml *.fgb);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIS files (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.tif *.tiff *.vrt *.jp2 *.img);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map tiles could not be loaded (%1); the map goes on without them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Tile Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL of its tiles, with {z}, {x} and {y} (XYZ, Web Mercator); respect the service&apos;s usage policy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tile URL needs {z}, {x} and {y}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No area: the whole archive is ranked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the added GIS files off the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1° %2, %3° %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the selected result&apos;s scene by the query&apos;s score: every window of it, as rscir scoremap writes it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::MapView</name>
    <message>
        <source>Map of the archive and the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the results has a footprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No item of this archive has a footprint: its images are not georeferenced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an index to see its footprints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A polygon needs three points or more: click them, double-click the last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drawn polygon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::MessageBar</name>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::ModelsDialog</name>
    <message>
        <source>Models - rscir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir needs a CLIP-style model to embed images and texts. Install one from the list (a download), or import a checkpoint you already have. Models are kept in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;mport Checkpoint...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use This Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder: %1&lt;br&gt;SHA-256: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not published; recorded at the first download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pt *.bin *.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GELU (open_clip; the paper&apos;s setting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QuickGELU (OpenAI&apos;s original weights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next to the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vocabulary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; installing again resumes a download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&lt;br&gt;Source: %2&lt;br&gt;SHA-256: %3&lt;br&gt;Default λ: %4&lt;br&gt;Licence: %5&lt;br&gt;Commercial use: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not tuned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activation:</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is installed. Use This Model loads it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Tokenizer Vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family: %1&lt;br&gt;Towers: %2&lt;br&gt;Tokenizer: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <comment>of a model: CLIP, Long-CLIP or SigLIP</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the model&apos;s configuration says (else GELU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GELU, tanh approximation (transformers&apos; SigLIP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizers (bpe_simple_vocab_16e6.txt.gz vocab.json merges.txt spiece.model);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::QueryPanel</name>
    <message>
        <source>Open Image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a query image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the query image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. oval, with trees, red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The modification: what the results should have that the image does not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lambda: from image (0) to text (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lambda value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeiCom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model that embeds the query; the archive must be indexed with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ter&amp;ms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Want</source>
        <comment>a query term&apos;s role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avoid</source>
        <comment>a query term&apos;s role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of the text to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another text, e.g. clouds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to add to the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the text to the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a wanted image to the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Want / Avoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the selected term between wanted and avoided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of what to avoid (ν)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly avoided terms push results down: 0 ignores them, 1 counts them fully</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of what to avoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;void ν:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slerp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spherical interpolation between the image and the text embeddings (training-free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To avoid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wanted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match the archive&apos;s &amp;ground resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resample a georeferenced query image to the archive&apos;s metres per pixel before it is encoded, so that it shows things at the scale of the archive&apos;s windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not georeferenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground resolution: archive %1, query image %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centred, projected image and text similarities fused by Harris&apos;s rule (training-free; its space is prepared once per model and archive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s corpora, image mean, components, expansion and normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harris &amp;λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harris lambda: how much BASIC penalises the sum of the similarities (0 to 0.24)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC scores t·i − λ·(t + i)² from its text and image similarities t and i: at 0 the product alone ranks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::ResultsModel</name>
    <message>
        <source>&lt;b&gt;#%1&lt;/b&gt; %2&lt;br&gt;Score: %3&lt;br&gt;Image similarity: %4 (normalised %5)&lt;br&gt;Text similarity: %6 (normalised %7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ A positive of the benchmark query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Not a positive of the benchmark query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2  +%3</source>
        <comment>rank, score, results folded under it</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more result(s) at this place, folded under this one: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquired: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::SearchSession</name>
    <message>
        <source>This archive has no embeddings of the model %1 yet. Index the archive with it (File &gt; Index Folder) to search it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query could not be encoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query image %1 is now a file, which is not part of this archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query image %1 was an item of the previous archive and has been removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area could not be applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ranking is current again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the index to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the archive&apos;s embeddings to load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the archive item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the area&apos;s items</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the encoder (%n request(s) waiting)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The ranking has been waiting for %1 s for: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing that is known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where the archive&apos;s items lie (one result per place)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the archive&apos;s items lie could not be read (%1): every result is listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter could not be applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the items the filter keeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same place and before or after need the query&apos;s place and time: an archive item, or a georeferenced and dated image. They are off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the archive&apos;s mean image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rscir&apos;s remote-sensing corpora</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>expanded with %n item(s)</source>
        <translation>
            <numerusform>expanded with %n item</numerusform>
            <numerusform>expanded with %n items</numerusform>
        </translation>
    </message>
    <message>
        <source>not expanded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not normalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normalised with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>BASIC: centred with %1, %n component(s) from %2, %3, %4</source>
        <translation>
            <numerusform>BASIC: centred with %1, %n component from %2, %3, %4</numerusform>
            <numerusform>BASIC: centred with %1, %n components from %2, %3, %4</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC cannot be prepared in this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedding BASIC&apos;s corpora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the archive&apos;s mean image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing BASIC for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC could not be prepared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s preparation was cancelled. Choose BASIC again to prepare it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC could not embed the text in context: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s space (its corpora embedded, the archive&apos;s mean image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the texts in the context of BASIC&apos;s subjects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s passes over the archive</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::SettingsDialog</name>
    <message>
        <source>Preferences - rscir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;humbnail size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device, threads and language take effect when the application starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact (fp32, as the reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast (bf16, 2.5 to 5 times faster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing computes in bf16 on this processor&apos;s native bf16 units. Measured against fp32 on the test models: embeddings agree to a cosine of 0.99997 or better, 9.75 of the 10 nearest neighbours are the same, PatternCom figures move by 0.03 mAP points on average (0.2 at most). Queries are always encoded in fp32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This processor has no native bf16 (AVX512-BF16 or AMX): indexing computes in fp32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Indexing precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half (fp16): half the memory and scan time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single (fp32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a new index keeps its embeddings. fp16 rankings agree with fp32 to within 0.01 mAP points on the PatternCom test set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Storage of new indexes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads for everything that computes at once: searches over the archive, decoding images while indexing, and the model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::SweepDialog</name>
    <message>
        <source>λ Sweep - rscir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the λ Sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The λ of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1, score %2; click to open it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::TermList</name>
    <message>
        <source>Query terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every image and text of the query; + wanted, − to avoid. Drop more images here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::TileLoader</name>
    <message>
        <source>the tile service sent something that is not an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tile service sent a tile larger than %1 MB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::ViewerDialog</name>
    <message>
        <source>&amp;Use as Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Containing &amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1 is no longer in the index.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - rscir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window: x %1, y %2, %3 x %4 pixels&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster: %1 x %2, %3 band(s), %4 (%5)&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRS: %1&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not georeferenced&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre: %1° %2, %3° %4&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fused score: %1&lt;br&gt;Image similarity: %2 (normalised %3)&lt;br&gt;Text similarity: %4 (normalised %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item&apos;s window on its whole raster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← &amp;Previous Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Result →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ A positive of the benchmark query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Not a positive of the benchmark query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avoided similarity: %1 (normalised %2, taken off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquired: %1 (%2)&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::WorkbenchWindow</name>
    <message>
        <source>Image only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average of similarities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeiCom, λ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slerp, λ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Density</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeiCom mAP (%) against λ, per attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeiCom mAP and recall (%) against λ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PatternCom (PatternNet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composed benchmark (CSV: image, text, targets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeiCom&apos;s λ values: a list (0,0.3,0.5) or a range START:STOP:STEP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ values:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with the paper&apos;s sweep (RemoteCLIP ViT-L/14, Table 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed: the mAP the paper publishes for RemoteCLIP ViT-L/14 at each λ (before the authors&apos; 2024 correction of Existence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in the Main Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the query&apos;s image and text into the main window and mark which results are its positives (also: double-click a row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Report...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The benchmark&apos;s CSV file; its paths are relative to the open archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PatternNet folder: patternnet.csv, PatternCom/, images/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the open index %1 and the model %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing yet: open an index of the dataset&apos;s images and load a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composed Benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PatternNet Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an index of the benchmark&apos;s images and load a model first: the workbench ranks with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the benchmark&apos;s CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the PatternNet folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PatternCom benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composed benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding the texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ranking the queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: %1, %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: %n quer(ies).</source>
        <translation>
            <numerusform>Done: %n query.</numerusform>
            <numerusform>Done: %n queries.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; the last results stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The best λ of this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a benchmark to see mAP against λ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (paper)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG (*.svg);;PNG (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by attribute, image, class, value or text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <comment>the table&apos;s first column: one run of the benchmark</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AP (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mAP (%) of each run</source>
        <comment>the table&apos;s first column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: %n quer(ies). %1 of their targets are not among the index&apos;s images and count as never found; check the CSV&apos;s paths.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC, Harris λ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedding BASIC&apos;s corpora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC mAP (%) against the Harris weight, per attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harris λ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC mAP and recall (%) against the Harris weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which of %1 and %2 ranks the query&apos;s positives higher (%3 against %4), by how many points of AP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Better</source>
        <comment>which of two methods ranks a query&apos;s positives higher</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 +%2</source>
        <comment>which method wins a query, and by how many points of AP</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AP %1 with %2; AP %3 with %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s Harris weights, each below 0.25, with the window&apos;s BASIC settings; empty: BASIC is not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s Harris λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The method whose sweep is drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sweep of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASIC&apos;s best Harris λ in this run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rscir::ui::ZoomView</name>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
