content of sub/vendor/bundle/l.rb
