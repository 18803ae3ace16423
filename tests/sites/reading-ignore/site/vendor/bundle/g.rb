content of vendor/bundle/g.rb
