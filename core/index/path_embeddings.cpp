#include "core/index/path_embeddings.h"

#include "core/base/error.h"


namespace rscir {

std::map<std::string, std::int64_t> wholeFileItems(const IndexStore& store)
{
    std::map<std::string, std::int64_t> itemOf;
    std::map<std::string, int> itemsPerPath;
    for (const auto& item : store.items()) {
        itemOf[item.path] = item.id;
        ++itemsPerPath[item.path];
    }
    for (const auto& [path, count] : itemsPerPath)
        if (count != 1)
            itemOf.erase(path);
    return itemOf;
}

EmbeddingMatrix embeddingsOfFiles(const IndexStore& store, std::int64_t modelId, const std::vector<std::string>& paths,
                                  std::vector<std::int64_t>* itemIds, const std::map<std::string, std::int64_t>* whole)
{
    const auto loaded = store.embeddings(modelId);
    std::map<std::int64_t, std::size_t> rowOfItem;
    for (std::size_t r = 0; r < loaded->size(); ++r)
        rowOfItem.emplace(loaded->itemId(r), r);
    std::map<std::string, std::int64_t> own;
    if (!whole) {
        own = wholeFileItems(store);
        whole = &own;
    }
    EmbeddingMatrix images(paths.size(), loaded->dim());
    if (itemIds)
        itemIds->assign(paths.size(), 0);
    std::size_t missing = 0;
    std::string example;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string& path = paths[i];
        auto it = whole->find(path);
        if (it == whole->end() && path.rfind("images/", 0) == 0)
            it = whole->find(path.substr(7));
        const auto found = it == whole->end() ? rowOfItem.end() : rowOfItem.find(it->second);
        if (found == rowOfItem.end()) {
            if (missing++ == 0)
                example = path;
            continue;
        }
        loaded->copyValues(found->second, images.row(i));
        if (itemIds)
            (*itemIds)[i] = it->second;
    }
    if (missing > 0)
        throw Error(store.path().string() + " lacks " + std::to_string(missing) + " of the benchmark's " +
                        std::to_string(paths.size()) + " images as whole-image items (e.g. " + example + ")",
                    "index the dataset folder with this model and a tile size at least as large as its images");
    return images;
}

} // namespace rscir
