"""Publishing: writing outputs safely, manifests, newsletter email, thumbnails."""
