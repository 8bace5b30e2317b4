odoo.define('qnetz_base.backend_title', function (require) {
"use strict";

// Odoo 11 ends every backend tab's title with "- Odoo"; the network's staff work in the
// network's application, and several tabs of it should say so.
var WebClient = require('web.WebClient');

WebClient.include({
    init: function () {
        this._super.apply(this, arguments);
        this.set('title_part', {zopenerp: 'Qualifizierungsnetzwerk'});
    },
});

});
