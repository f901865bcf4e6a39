/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $String = $util.global.String, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $isFinite = $util.global.isFinite, $Array = $util.global.Array, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const fleet = $root.fleet = (() => {

    /**
     * Namespace fleet.
     * @exports fleet
     * @namespace
     */
    const fleet = {};

    fleet.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof fleet
         * @namespace
         */
        const v1 = {};

        v1.ReleaseSlot = (function() {

            /**
             * Properties of a ReleaseSlot.
             * @typedef {Object} fleet.v1.ReleaseSlot.$Properties
             * @property {number|null} [slot] ReleaseSlot slot
             * @property {string|null} [packId] ReleaseSlot packId
             * @property {string|null} [requestId] ReleaseSlot requestId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ReleaseSlot.
             * @memberof fleet.v1
             * @interface IReleaseSlot
             * @augments fleet.v1.ReleaseSlot.$Properties
             * @deprecated Use fleet.v1.ReleaseSlot.$Properties instead.
             */

            /**
             * Shape of a ReleaseSlot.
             * @typedef {fleet.v1.ReleaseSlot.$Properties} fleet.v1.ReleaseSlot.$Shape
             */

            /**
             * Constructs a new ReleaseSlot.
             * @memberof fleet.v1
             * @classdesc Represents a ReleaseSlot.
             * @constructor
             * @param {fleet.v1.ReleaseSlot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ReleaseSlot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ReleaseSlot slot.
             * @member {number} slot
             * @memberof fleet.v1.ReleaseSlot
             * @instance
             */
            ReleaseSlot.prototype.slot = 0;

            /**
             * ReleaseSlot packId.
             * @member {string} packId
             * @memberof fleet.v1.ReleaseSlot
             * @instance
             */
            ReleaseSlot.prototype.packId = "";

            /**
             * ReleaseSlot requestId.
             * @member {string} requestId
             * @memberof fleet.v1.ReleaseSlot
             * @instance
             */
            ReleaseSlot.prototype.requestId = "";

            /**
             * Creates a new ReleaseSlot instance using the specified properties.
             * @function create
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {fleet.v1.ReleaseSlot.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.ReleaseSlot} ReleaseSlot instance
             * @type {{
             *   (properties: fleet.v1.ReleaseSlot.$Shape): fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape;
             *   (properties?: fleet.v1.ReleaseSlot.$Properties): fleet.v1.ReleaseSlot;
             * }}
             */
            ReleaseSlot.create = function(properties) {
                return new ReleaseSlot(properties);
            };

            /**
             * Encodes the specified ReleaseSlot message. Does not implicitly {@link fleet.v1.ReleaseSlot.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {fleet.v1.ReleaseSlot.$Properties} m ReleaseSlot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReleaseSlot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.slot);
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId") && m.packId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.packId);
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.requestId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ReleaseSlot message, length delimited. Does not implicitly {@link fleet.v1.ReleaseSlot.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {fleet.v1.ReleaseSlot.$Properties} message ReleaseSlot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReleaseSlot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ReleaseSlot message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape} ReleaseSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReleaseSlot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.ReleaseSlot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.slot = v;
                            else
                                delete m.slot;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.packId = v;
                            else
                                delete m.packId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ReleaseSlot message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape} ReleaseSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReleaseSlot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ReleaseSlot message.
             * @function verify
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ReleaseSlot.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    if (!$util.isString(m.packId))
                        return "packId: string expected";
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    if (!$util.isString(m.requestId))
                        return "requestId: string expected";
                }
                return null;
            };

            /**
             * Creates a ReleaseSlot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.ReleaseSlot} ReleaseSlot
             */
            ReleaseSlot.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.ReleaseSlot)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.ReleaseSlot: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.ReleaseSlot();
                if (d.slot != null) {
                    if ($Number(d.slot) !== 0) {
                        m.slot = d.slot >>> 0;
                    }
                }
                if (d.packId != null) {
                    if (typeof d.packId !== "string" || d.packId.length) {
                        m.packId = $String(d.packId);
                    }
                }
                if (d.requestId != null) {
                    if (typeof d.requestId !== "string" || d.requestId.length) {
                        m.requestId = $String(d.requestId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ReleaseSlot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {fleet.v1.ReleaseSlot} m ReleaseSlot
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ReleaseSlot.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.slot = 0;
                    d.packId = "";
                    d.requestId = "";
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    d.packId = m.packId;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                return d;
            };

            /**
             * Converts this ReleaseSlot to JSON.
             * @function toJSON
             * @memberof fleet.v1.ReleaseSlot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ReleaseSlot.prototype.toJSON = function() {
                return ReleaseSlot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ReleaseSlot
             * @function getTypeUrl
             * @memberof fleet.v1.ReleaseSlot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ReleaseSlot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.ReleaseSlot";
            };

            return ReleaseSlot;
        })();

        v1.LockSlot = (function() {

            /**
             * Properties of a LockSlot.
             * @typedef {Object} fleet.v1.LockSlot.$Properties
             * @property {number|null} [slot] LockSlot slot
             * @property {string|null} [reason] LockSlot reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LockSlot.
             * @memberof fleet.v1
             * @interface ILockSlot
             * @augments fleet.v1.LockSlot.$Properties
             * @deprecated Use fleet.v1.LockSlot.$Properties instead.
             */

            /**
             * Shape of a LockSlot.
             * @typedef {fleet.v1.LockSlot.$Properties} fleet.v1.LockSlot.$Shape
             */

            /**
             * Constructs a new LockSlot.
             * @memberof fleet.v1
             * @classdesc Represents a LockSlot.
             * @constructor
             * @param {fleet.v1.LockSlot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LockSlot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * LockSlot slot.
             * @member {number} slot
             * @memberof fleet.v1.LockSlot
             * @instance
             */
            LockSlot.prototype.slot = 0;

            /**
             * LockSlot reason.
             * @member {string} reason
             * @memberof fleet.v1.LockSlot
             * @instance
             */
            LockSlot.prototype.reason = "";

            /**
             * Creates a new LockSlot instance using the specified properties.
             * @function create
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {fleet.v1.LockSlot.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.LockSlot} LockSlot instance
             * @type {{
             *   (properties: fleet.v1.LockSlot.$Shape): fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape;
             *   (properties?: fleet.v1.LockSlot.$Properties): fleet.v1.LockSlot;
             * }}
             */
            LockSlot.create = function(properties) {
                return new LockSlot(properties);
            };

            /**
             * Encodes the specified LockSlot message. Does not implicitly {@link fleet.v1.LockSlot.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {fleet.v1.LockSlot.$Properties} m LockSlot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LockSlot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.slot);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified LockSlot message, length delimited. Does not implicitly {@link fleet.v1.LockSlot.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {fleet.v1.LockSlot.$Properties} message LockSlot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LockSlot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LockSlot message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape} LockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LockSlot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.LockSlot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.slot = v;
                            else
                                delete m.slot;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a LockSlot message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape} LockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LockSlot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a LockSlot message.
             * @function verify
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            LockSlot.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                return null;
            };

            /**
             * Creates a LockSlot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.LockSlot} LockSlot
             */
            LockSlot.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.LockSlot)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.LockSlot: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.LockSlot();
                if (d.slot != null) {
                    if ($Number(d.slot) !== 0) {
                        m.slot = d.slot >>> 0;
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a LockSlot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {fleet.v1.LockSlot} m LockSlot
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LockSlot.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.slot = 0;
                    d.reason = "";
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                return d;
            };

            /**
             * Converts this LockSlot to JSON.
             * @function toJSON
             * @memberof fleet.v1.LockSlot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LockSlot.prototype.toJSON = function() {
                return LockSlot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LockSlot
             * @function getTypeUrl
             * @memberof fleet.v1.LockSlot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LockSlot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.LockSlot";
            };

            return LockSlot;
        })();

        v1.UnlockSlot = (function() {

            /**
             * Properties of an UnlockSlot.
             * @typedef {Object} fleet.v1.UnlockSlot.$Properties
             * @property {number|null} [slot] UnlockSlot slot
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UnlockSlot.
             * @memberof fleet.v1
             * @interface IUnlockSlot
             * @augments fleet.v1.UnlockSlot.$Properties
             * @deprecated Use fleet.v1.UnlockSlot.$Properties instead.
             */

            /**
             * Shape of an UnlockSlot.
             * @typedef {fleet.v1.UnlockSlot.$Properties} fleet.v1.UnlockSlot.$Shape
             */

            /**
             * Constructs a new UnlockSlot.
             * @memberof fleet.v1
             * @classdesc Represents an UnlockSlot.
             * @constructor
             * @param {fleet.v1.UnlockSlot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UnlockSlot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UnlockSlot slot.
             * @member {number} slot
             * @memberof fleet.v1.UnlockSlot
             * @instance
             */
            UnlockSlot.prototype.slot = 0;

            /**
             * Creates a new UnlockSlot instance using the specified properties.
             * @function create
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {fleet.v1.UnlockSlot.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.UnlockSlot} UnlockSlot instance
             * @type {{
             *   (properties: fleet.v1.UnlockSlot.$Shape): fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape;
             *   (properties?: fleet.v1.UnlockSlot.$Properties): fleet.v1.UnlockSlot;
             * }}
             */
            UnlockSlot.create = function(properties) {
                return new UnlockSlot(properties);
            };

            /**
             * Encodes the specified UnlockSlot message. Does not implicitly {@link fleet.v1.UnlockSlot.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {fleet.v1.UnlockSlot.$Properties} m UnlockSlot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UnlockSlot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.slot);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified UnlockSlot message, length delimited. Does not implicitly {@link fleet.v1.UnlockSlot.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {fleet.v1.UnlockSlot.$Properties} message UnlockSlot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UnlockSlot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an UnlockSlot message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape} UnlockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UnlockSlot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.UnlockSlot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.slot = v;
                            else
                                delete m.slot;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an UnlockSlot message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape} UnlockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UnlockSlot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an UnlockSlot message.
             * @function verify
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            UnlockSlot.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                return null;
            };

            /**
             * Creates an UnlockSlot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.UnlockSlot} UnlockSlot
             */
            UnlockSlot.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.UnlockSlot)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.UnlockSlot: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.UnlockSlot();
                if (d.slot != null) {
                    if ($Number(d.slot) !== 0) {
                        m.slot = d.slot >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an UnlockSlot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {fleet.v1.UnlockSlot} m UnlockSlot
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UnlockSlot.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.slot = 0;
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                return d;
            };

            /**
             * Converts this UnlockSlot to JSON.
             * @function toJSON
             * @memberof fleet.v1.UnlockSlot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UnlockSlot.prototype.toJSON = function() {
                return UnlockSlot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UnlockSlot
             * @function getTypeUrl
             * @memberof fleet.v1.UnlockSlot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UnlockSlot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.UnlockSlot";
            };

            return UnlockSlot;
        })();

        v1.DisplayText = (function() {

            /**
             * Properties of a DisplayText.
             * @typedef {Object} fleet.v1.DisplayText.$Properties
             * @property {string|null} [text] DisplayText text
             * @property {number|null} [seconds] DisplayText seconds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DisplayText.
             * @memberof fleet.v1
             * @interface IDisplayText
             * @augments fleet.v1.DisplayText.$Properties
             * @deprecated Use fleet.v1.DisplayText.$Properties instead.
             */

            /**
             * Shape of a DisplayText.
             * @typedef {fleet.v1.DisplayText.$Properties} fleet.v1.DisplayText.$Shape
             */

            /**
             * Constructs a new DisplayText.
             * @memberof fleet.v1
             * @classdesc Represents a DisplayText.
             * @constructor
             * @param {fleet.v1.DisplayText.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DisplayText = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DisplayText text.
             * @member {string} text
             * @memberof fleet.v1.DisplayText
             * @instance
             */
            DisplayText.prototype.text = "";

            /**
             * DisplayText seconds.
             * @member {number} seconds
             * @memberof fleet.v1.DisplayText
             * @instance
             */
            DisplayText.prototype.seconds = 0;

            /**
             * Creates a new DisplayText instance using the specified properties.
             * @function create
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {fleet.v1.DisplayText.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.DisplayText} DisplayText instance
             * @type {{
             *   (properties: fleet.v1.DisplayText.$Shape): fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape;
             *   (properties?: fleet.v1.DisplayText.$Properties): fleet.v1.DisplayText;
             * }}
             */
            DisplayText.create = function(properties) {
                return new DisplayText(properties);
            };

            /**
             * Encodes the specified DisplayText message. Does not implicitly {@link fleet.v1.DisplayText.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {fleet.v1.DisplayText.$Properties} m DisplayText message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DisplayText.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.text != null && $Object.hasOwnProperty.call(m, "text") && m.text !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.text);
                if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds") && m.seconds !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.seconds);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified DisplayText message, length delimited. Does not implicitly {@link fleet.v1.DisplayText.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {fleet.v1.DisplayText.$Properties} message DisplayText message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DisplayText.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DisplayText message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape} DisplayText
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DisplayText.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.DisplayText();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.text = v;
                            else
                                delete m.text;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.seconds = v;
                            else
                                delete m.seconds;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a DisplayText message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape} DisplayText
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DisplayText.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DisplayText message.
             * @function verify
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DisplayText.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.text != null && $Object.hasOwnProperty.call(m, "text")) {
                    if (!$util.isString(m.text))
                        return "text: string expected";
                }
                if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds")) {
                    if (!$util.isInteger(m.seconds))
                        return "seconds: integer expected";
                }
                return null;
            };

            /**
             * Creates a DisplayText message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.DisplayText} DisplayText
             */
            DisplayText.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.DisplayText)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.DisplayText: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.DisplayText();
                if (d.text != null) {
                    if (typeof d.text !== "string" || d.text.length) {
                        m.text = $String(d.text);
                    }
                }
                if (d.seconds != null) {
                    if ($Number(d.seconds) !== 0) {
                        m.seconds = d.seconds >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DisplayText message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {fleet.v1.DisplayText} m DisplayText
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DisplayText.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.text = "";
                    d.seconds = 0;
                }
                if (m.text != null && $Object.hasOwnProperty.call(m, "text")) {
                    d.text = m.text;
                }
                if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds")) {
                    d.seconds = m.seconds;
                }
                return d;
            };

            /**
             * Converts this DisplayText to JSON.
             * @function toJSON
             * @memberof fleet.v1.DisplayText
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DisplayText.prototype.toJSON = function() {
                return DisplayText.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DisplayText
             * @function getTypeUrl
             * @memberof fleet.v1.DisplayText
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DisplayText.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.DisplayText";
            };

            return DisplayText;
        })();

        v1.Reboot = (function() {

            /**
             * Properties of a Reboot.
             * @typedef {Object} fleet.v1.Reboot.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Reboot.
             * @memberof fleet.v1
             * @interface IReboot
             * @augments fleet.v1.Reboot.$Properties
             * @deprecated Use fleet.v1.Reboot.$Properties instead.
             */

            /**
             * Shape of a Reboot.
             * @typedef {fleet.v1.Reboot.$Properties} fleet.v1.Reboot.$Shape
             */

            /**
             * Constructs a new Reboot.
             * @memberof fleet.v1
             * @classdesc Represents a Reboot.
             * @constructor
             * @param {fleet.v1.Reboot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Reboot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Creates a new Reboot instance using the specified properties.
             * @function create
             * @memberof fleet.v1.Reboot
             * @static
             * @param {fleet.v1.Reboot.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.Reboot} Reboot instance
             * @type {{
             *   (properties: fleet.v1.Reboot.$Shape): fleet.v1.Reboot & fleet.v1.Reboot.$Shape;
             *   (properties?: fleet.v1.Reboot.$Properties): fleet.v1.Reboot;
             * }}
             */
            Reboot.create = function(properties) {
                return new Reboot(properties);
            };

            /**
             * Encodes the specified Reboot message. Does not implicitly {@link fleet.v1.Reboot.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.Reboot
             * @static
             * @param {fleet.v1.Reboot.$Properties} m Reboot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Reboot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Reboot message, length delimited. Does not implicitly {@link fleet.v1.Reboot.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.Reboot
             * @static
             * @param {fleet.v1.Reboot.$Properties} message Reboot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Reboot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Reboot message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.Reboot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.Reboot & fleet.v1.Reboot.$Shape} Reboot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Reboot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.Reboot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    r.skipType(t & 7, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Reboot message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.Reboot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.Reboot & fleet.v1.Reboot.$Shape} Reboot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Reboot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Reboot message.
             * @function verify
             * @memberof fleet.v1.Reboot
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Reboot.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                return null;
            };

            /**
             * Creates a Reboot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.Reboot
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.Reboot} Reboot
             */
            Reboot.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.Reboot)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.Reboot: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                return new $root.fleet.v1.Reboot();
            };

            /**
             * Creates a plain object from a Reboot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.Reboot
             * @static
             * @param {fleet.v1.Reboot} m Reboot
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Reboot.toObject = function () {
                return {};
            };

            /**
             * Converts this Reboot to JSON.
             * @function toJSON
             * @memberof fleet.v1.Reboot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Reboot.prototype.toJSON = function() {
                return Reboot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Reboot
             * @function getTypeUrl
             * @memberof fleet.v1.Reboot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Reboot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.Reboot";
            };

            return Reboot;
        })();

        v1.KioskCommand = (function() {

            /**
             * Properties of a KioskCommand.
             * @typedef {Object} fleet.v1.KioskCommand.$Properties
             * @property {string|null} [commandId] KioskCommand commandId
             * @property {number|Long|null} [issuedAtMs] KioskCommand issuedAtMs
             * @property {number|Long|null} [expiresAtMs] KioskCommand expiresAtMs
             * @property {fleet.v1.ReleaseSlot.$Properties|null} [release] KioskCommand release
             * @property {fleet.v1.LockSlot.$Properties|null} [lock] KioskCommand lock
             * @property {fleet.v1.UnlockSlot.$Properties|null} [unlock] KioskCommand unlock
             * @property {fleet.v1.DisplayText.$Properties|null} [display] KioskCommand display
             * @property {fleet.v1.Reboot.$Properties|null} [reboot] KioskCommand reboot
             * @property {"release"|"lock"|"unlock"|"display"|"reboot"} [action] KioskCommand action
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a KioskCommand.
             * @memberof fleet.v1
             * @interface IKioskCommand
             * @augments fleet.v1.KioskCommand.$Properties
             * @deprecated Use fleet.v1.KioskCommand.$Properties instead.
             */

            /**
             * Narrowed shape of a KioskCommand.
             * @typedef {{
             *   commandId?: string|null;
             *   issuedAtMs?: number|Long|null;
             *   expiresAtMs?: number|Long|null;
             *   release?: fleet.v1.ReleaseSlot.$Shape|null;
             *   lock?: fleet.v1.LockSlot.$Shape|null;
             *   unlock?: fleet.v1.UnlockSlot.$Shape|null;
             *   display?: fleet.v1.DisplayText.$Shape|null;
             *   reboot?: fleet.v1.Reboot.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ action?: undefined; release?: null; lock?: null; unlock?: null; display?: null; reboot?: null }|{ action?: "release"; release: fleet.v1.ReleaseSlot.$Shape; lock?: null; unlock?: null; display?: null; reboot?: null }|{ action?: "lock"; release?: null; lock: fleet.v1.LockSlot.$Shape; unlock?: null; display?: null; reboot?: null }|{ action?: "unlock"; release?: null; lock?: null; unlock: fleet.v1.UnlockSlot.$Shape; display?: null; reboot?: null }|{ action?: "display"; release?: null; lock?: null; unlock?: null; display: fleet.v1.DisplayText.$Shape; reboot?: null }|{ action?: "reboot"; release?: null; lock?: null; unlock?: null; display?: null; reboot: fleet.v1.Reboot.$Shape })
             * )} fleet.v1.KioskCommand.$Shape
             */

            /**
             * Constructs a new KioskCommand.
             * @memberof fleet.v1
             * @classdesc Represents a KioskCommand.
             * @constructor
             * @param {fleet.v1.KioskCommand.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const KioskCommand = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * KioskCommand commandId.
             * @member {string} commandId
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.commandId = "";

            /**
             * KioskCommand issuedAtMs.
             * @member {number|Long} issuedAtMs
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.issuedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * KioskCommand expiresAtMs.
             * @member {number|Long} expiresAtMs
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * KioskCommand release.
             * @member {fleet.v1.ReleaseSlot.$Properties|null|undefined} release
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.release = null;

            /**
             * KioskCommand lock.
             * @member {fleet.v1.LockSlot.$Properties|null|undefined} lock
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.lock = null;

            /**
             * KioskCommand unlock.
             * @member {fleet.v1.UnlockSlot.$Properties|null|undefined} unlock
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.unlock = null;

            /**
             * KioskCommand display.
             * @member {fleet.v1.DisplayText.$Properties|null|undefined} display
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.display = null;

            /**
             * KioskCommand reboot.
             * @member {fleet.v1.Reboot.$Properties|null|undefined} reboot
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            KioskCommand.prototype.reboot = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * KioskCommand action.
             * @member {"release"|"lock"|"unlock"|"display"|"reboot"|undefined} action
             * @memberof fleet.v1.KioskCommand
             * @instance
             */
            $Object.defineProperty(KioskCommand.prototype, "action", {
                get: $util.oneOfGetter($oneOfFields = ["release", "lock", "unlock", "display", "reboot"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new KioskCommand instance using the specified properties.
             * @function create
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {fleet.v1.KioskCommand.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.KioskCommand} KioskCommand instance
             * @type {{
             *   (properties: fleet.v1.KioskCommand.$Shape): fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape;
             *   (properties?: fleet.v1.KioskCommand.$Properties): fleet.v1.KioskCommand;
             * }}
             */
            KioskCommand.create = function(properties) {
                return new KioskCommand(properties);
            };

            /**
             * Encodes the specified KioskCommand message. Does not implicitly {@link fleet.v1.KioskCommand.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {fleet.v1.KioskCommand.$Properties} m KioskCommand message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskCommand.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.commandId);
                if (m.issuedAtMs != null && $Object.hasOwnProperty.call(m, "issuedAtMs") && (typeof m.issuedAtMs === "object" ? m.issuedAtMs.low || m.issuedAtMs.high : m.issuedAtMs !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).int64(m.issuedAtMs);
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs") && (typeof m.expiresAtMs === "object" ? m.expiresAtMs.low || m.expiresAtMs.high : m.expiresAtMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.expiresAtMs);
                if (m.release != null && $Object.hasOwnProperty.call(m, "release"))
                    $root.fleet.v1.ReleaseSlot.encode(m.release, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.lock != null && $Object.hasOwnProperty.call(m, "lock"))
                    $root.fleet.v1.LockSlot.encode(m.lock, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.unlock != null && $Object.hasOwnProperty.call(m, "unlock"))
                    $root.fleet.v1.UnlockSlot.encode(m.unlock, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                if (m.display != null && $Object.hasOwnProperty.call(m, "display"))
                    $root.fleet.v1.DisplayText.encode(m.display, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                if (m.reboot != null && $Object.hasOwnProperty.call(m, "reboot"))
                    $root.fleet.v1.Reboot.encode(m.reboot, w.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified KioskCommand message, length delimited. Does not implicitly {@link fleet.v1.KioskCommand.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {fleet.v1.KioskCommand.$Properties} message KioskCommand message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskCommand.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a KioskCommand message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape} KioskCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskCommand.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.KioskCommand();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.issuedAtMs = v;
                            else
                                delete m.issuedAtMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.expiresAtMs = v;
                            else
                                delete m.expiresAtMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.release = $root.fleet.v1.ReleaseSlot.decode(r, r.size(), $undefined, q + 1, m.release);
                            m.action = "release";
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.lock = $root.fleet.v1.LockSlot.decode(r, r.size(), $undefined, q + 1, m.lock);
                            m.action = "lock";
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            m.unlock = $root.fleet.v1.UnlockSlot.decode(r, r.size(), $undefined, q + 1, m.unlock);
                            m.action = "unlock";
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            m.display = $root.fleet.v1.DisplayText.decode(r, r.size(), $undefined, q + 1, m.display);
                            m.action = "display";
                            continue;
                        }
                    case 14: {
                            if (u !== 2)
                                break;
                            m.reboot = $root.fleet.v1.Reboot.decode(r, r.size(), $undefined, q + 1, m.reboot);
                            m.action = "reboot";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a KioskCommand message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape} KioskCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskCommand.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a KioskCommand message.
             * @function verify
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            KioskCommand.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                if (m.issuedAtMs != null && $Object.hasOwnProperty.call(m, "issuedAtMs")) {
                    if (!$util.isInteger(m.issuedAtMs) && !(m.issuedAtMs && $util.isInteger(m.issuedAtMs.low) && $util.isInteger(m.issuedAtMs.high)))
                        return "issuedAtMs: integer|Long expected";
                }
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs")) {
                    if (!$util.isInteger(m.expiresAtMs) && !(m.expiresAtMs && $util.isInteger(m.expiresAtMs.low) && $util.isInteger(m.expiresAtMs.high)))
                        return "expiresAtMs: integer|Long expected";
                }
                if (m.release != null && $Object.hasOwnProperty.call(m, "release")) {
                    p.action = 1;
                    {
                        var e = $root.fleet.v1.ReleaseSlot.verify(m.release, q + 1);
                        if (e)
                            return "release." + e;
                    }
                }
                if (m.lock != null && $Object.hasOwnProperty.call(m, "lock")) {
                    if (p.action === 1)
                        return "action: multiple values";
                    p.action = 1;
                    {
                        var e = $root.fleet.v1.LockSlot.verify(m.lock, q + 1);
                        if (e)
                            return "lock." + e;
                    }
                }
                if (m.unlock != null && $Object.hasOwnProperty.call(m, "unlock")) {
                    if (p.action === 1)
                        return "action: multiple values";
                    p.action = 1;
                    {
                        var e = $root.fleet.v1.UnlockSlot.verify(m.unlock, q + 1);
                        if (e)
                            return "unlock." + e;
                    }
                }
                if (m.display != null && $Object.hasOwnProperty.call(m, "display")) {
                    if (p.action === 1)
                        return "action: multiple values";
                    p.action = 1;
                    {
                        var e = $root.fleet.v1.DisplayText.verify(m.display, q + 1);
                        if (e)
                            return "display." + e;
                    }
                }
                if (m.reboot != null && $Object.hasOwnProperty.call(m, "reboot")) {
                    if (p.action === 1)
                        return "action: multiple values";
                    p.action = 1;
                    {
                        var e = $root.fleet.v1.Reboot.verify(m.reboot, q + 1);
                        if (e)
                            return "reboot." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a KioskCommand message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.KioskCommand} KioskCommand
             */
            KioskCommand.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.KioskCommand)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.KioskCommand: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.KioskCommand();
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                if (d.issuedAtMs != null) {
                    if (typeof d.issuedAtMs === "object" ? d.issuedAtMs.low || d.issuedAtMs.high : $Number(d.issuedAtMs) !== 0) {
                        if ($util.Long)
                            m.issuedAtMs = $util.Long.fromValue(d.issuedAtMs, false);
                        else if (typeof d.issuedAtMs === "string")
                            m.issuedAtMs = $parseInt(d.issuedAtMs, 10);
                        else if (typeof d.issuedAtMs === "number")
                            m.issuedAtMs = d.issuedAtMs;
                        else if (typeof d.issuedAtMs === "object")
                            m.issuedAtMs = new $util.LongBits(d.issuedAtMs.low >>> 0, d.issuedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.expiresAtMs != null) {
                    if (typeof d.expiresAtMs === "object" ? d.expiresAtMs.low || d.expiresAtMs.high : $Number(d.expiresAtMs) !== 0) {
                        if ($util.Long)
                            m.expiresAtMs = $util.Long.fromValue(d.expiresAtMs, false);
                        else if (typeof d.expiresAtMs === "string")
                            m.expiresAtMs = $parseInt(d.expiresAtMs, 10);
                        else if (typeof d.expiresAtMs === "number")
                            m.expiresAtMs = d.expiresAtMs;
                        else if (typeof d.expiresAtMs === "object")
                            m.expiresAtMs = new $util.LongBits(d.expiresAtMs.low >>> 0, d.expiresAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.release != null) {
                    if (!$util.isObject(d.release))
                        throw $TypeError(".fleet.v1.KioskCommand.release: object expected");
                    m.release = $root.fleet.v1.ReleaseSlot.fromObject(d.release, q + 1);
                }
                if (d.lock != null) {
                    if (!$util.isObject(d.lock))
                        throw $TypeError(".fleet.v1.KioskCommand.lock: object expected");
                    m.lock = $root.fleet.v1.LockSlot.fromObject(d.lock, q + 1);
                }
                if (d.unlock != null) {
                    if (!$util.isObject(d.unlock))
                        throw $TypeError(".fleet.v1.KioskCommand.unlock: object expected");
                    m.unlock = $root.fleet.v1.UnlockSlot.fromObject(d.unlock, q + 1);
                }
                if (d.display != null) {
                    if (!$util.isObject(d.display))
                        throw $TypeError(".fleet.v1.KioskCommand.display: object expected");
                    m.display = $root.fleet.v1.DisplayText.fromObject(d.display, q + 1);
                }
                if (d.reboot != null) {
                    if (!$util.isObject(d.reboot))
                        throw $TypeError(".fleet.v1.KioskCommand.reboot: object expected");
                    m.reboot = $root.fleet.v1.Reboot.fromObject(d.reboot, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a KioskCommand message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {fleet.v1.KioskCommand} m KioskCommand
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            KioskCommand.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.commandId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.issuedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.issuedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.expiresAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.expiresAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                if (m.issuedAtMs != null && $Object.hasOwnProperty.call(m, "issuedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.issuedAtMs = typeof m.issuedAtMs === "number" ? $BigInt(m.issuedAtMs) : $util.Long.fromBits(m.issuedAtMs.low >>> 0, m.issuedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.issuedAtMs === "number")
                        d.issuedAtMs = o.longs === $String ? $String(m.issuedAtMs) : m.issuedAtMs;
                    else
                        d.issuedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.issuedAtMs) : o.longs === $Number ? new $util.LongBits(m.issuedAtMs.low >>> 0, m.issuedAtMs.high >>> 0).toNumber() : m.issuedAtMs;
                }
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.expiresAtMs = typeof m.expiresAtMs === "number" ? $BigInt(m.expiresAtMs) : $util.Long.fromBits(m.expiresAtMs.low >>> 0, m.expiresAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.expiresAtMs === "number")
                        d.expiresAtMs = o.longs === $String ? $String(m.expiresAtMs) : m.expiresAtMs;
                    else
                        d.expiresAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.expiresAtMs) : o.longs === $Number ? new $util.LongBits(m.expiresAtMs.low >>> 0, m.expiresAtMs.high >>> 0).toNumber() : m.expiresAtMs;
                }
                if (m.release != null && $Object.hasOwnProperty.call(m, "release")) {
                    d.release = $root.fleet.v1.ReleaseSlot.toObject(m.release, o, q + 1);
                    if (o.oneofs)
                        d.action = "release";
                }
                if (m.lock != null && $Object.hasOwnProperty.call(m, "lock")) {
                    d.lock = $root.fleet.v1.LockSlot.toObject(m.lock, o, q + 1);
                    if (o.oneofs)
                        d.action = "lock";
                }
                if (m.unlock != null && $Object.hasOwnProperty.call(m, "unlock")) {
                    d.unlock = $root.fleet.v1.UnlockSlot.toObject(m.unlock, o, q + 1);
                    if (o.oneofs)
                        d.action = "unlock";
                }
                if (m.display != null && $Object.hasOwnProperty.call(m, "display")) {
                    d.display = $root.fleet.v1.DisplayText.toObject(m.display, o, q + 1);
                    if (o.oneofs)
                        d.action = "display";
                }
                if (m.reboot != null && $Object.hasOwnProperty.call(m, "reboot")) {
                    d.reboot = $root.fleet.v1.Reboot.toObject(m.reboot, o, q + 1);
                    if (o.oneofs)
                        d.action = "reboot";
                }
                return d;
            };

            /**
             * Converts this KioskCommand to JSON.
             * @function toJSON
             * @memberof fleet.v1.KioskCommand
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            KioskCommand.prototype.toJSON = function() {
                return KioskCommand.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for KioskCommand
             * @function getTypeUrl
             * @memberof fleet.v1.KioskCommand
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            KioskCommand.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.KioskCommand";
            };

            return KioskCommand;
        })();

        v1.Header = (function() {

            /**
             * Properties of a Header.
             * @typedef {Object} fleet.v1.Header.$Properties
             * @property {number|null} [bootId] Header bootId
             * @property {number|Long|null} [seq] Header seq
             * @property {number|Long|null} [sentAtMs] Header sentAtMs
             * @property {string|null} [firmware] Header firmware
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Header.
             * @memberof fleet.v1
             * @interface IHeader
             * @augments fleet.v1.Header.$Properties
             * @deprecated Use fleet.v1.Header.$Properties instead.
             */

            /**
             * Shape of a Header.
             * @typedef {fleet.v1.Header.$Properties} fleet.v1.Header.$Shape
             */

            /**
             * Constructs a new Header.
             * @memberof fleet.v1
             * @classdesc Represents a Header.
             * @constructor
             * @param {fleet.v1.Header.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Header = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Header bootId.
             * @member {number} bootId
             * @memberof fleet.v1.Header
             * @instance
             */
            Header.prototype.bootId = 0;

            /**
             * Header seq.
             * @member {number|Long} seq
             * @memberof fleet.v1.Header
             * @instance
             */
            Header.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Header sentAtMs.
             * @member {number|Long} sentAtMs
             * @memberof fleet.v1.Header
             * @instance
             */
            Header.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Header firmware.
             * @member {string} firmware
             * @memberof fleet.v1.Header
             * @instance
             */
            Header.prototype.firmware = "";

            /**
             * Creates a new Header instance using the specified properties.
             * @function create
             * @memberof fleet.v1.Header
             * @static
             * @param {fleet.v1.Header.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.Header} Header instance
             * @type {{
             *   (properties: fleet.v1.Header.$Shape): fleet.v1.Header & fleet.v1.Header.$Shape;
             *   (properties?: fleet.v1.Header.$Properties): fleet.v1.Header;
             * }}
             */
            Header.create = function(properties) {
                return new Header(properties);
            };

            /**
             * Encodes the specified Header message. Does not implicitly {@link fleet.v1.Header.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.Header
             * @static
             * @param {fleet.v1.Header.$Properties} m Header message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Header.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.bootId != null && $Object.hasOwnProperty.call(m, "bootId") && m.bootId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.bootId);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.seq);
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs") && (typeof m.sentAtMs === "object" ? m.sentAtMs.low || m.sentAtMs.high : m.sentAtMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.sentAtMs);
                if (m.firmware != null && $Object.hasOwnProperty.call(m, "firmware") && m.firmware !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.firmware);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Header message, length delimited. Does not implicitly {@link fleet.v1.Header.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.Header
             * @static
             * @param {fleet.v1.Header.$Properties} message Header message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Header.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Header message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.Header
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.Header & fleet.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Header.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.Header();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.bootId = v;
                            else
                                delete m.bootId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAtMs = v;
                            else
                                delete m.sentAtMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.firmware = v;
                            else
                                delete m.firmware;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Header message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.Header
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.Header & fleet.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Header.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Header message.
             * @function verify
             * @memberof fleet.v1.Header
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Header.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.bootId != null && $Object.hasOwnProperty.call(m, "bootId")) {
                    if (!$util.isInteger(m.bootId))
                        return "bootId: integer expected";
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (!$util.isInteger(m.seq) && !(m.seq && $util.isInteger(m.seq.low) && $util.isInteger(m.seq.high)))
                        return "seq: integer|Long expected";
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (!$util.isInteger(m.sentAtMs) && !(m.sentAtMs && $util.isInteger(m.sentAtMs.low) && $util.isInteger(m.sentAtMs.high)))
                        return "sentAtMs: integer|Long expected";
                }
                if (m.firmware != null && $Object.hasOwnProperty.call(m, "firmware")) {
                    if (!$util.isString(m.firmware))
                        return "firmware: string expected";
                }
                return null;
            };

            /**
             * Creates a Header message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.Header
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.Header} Header
             */
            Header.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.Header)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.Header: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.Header();
                if (d.bootId != null) {
                    if ($Number(d.bootId) !== 0) {
                        m.bootId = d.bootId >>> 0;
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                if (d.sentAtMs != null) {
                    if (typeof d.sentAtMs === "object" ? d.sentAtMs.low || d.sentAtMs.high : $Number(d.sentAtMs) !== 0) {
                        if ($util.Long)
                            m.sentAtMs = $util.Long.fromValue(d.sentAtMs, false);
                        else if (typeof d.sentAtMs === "string")
                            m.sentAtMs = $parseInt(d.sentAtMs, 10);
                        else if (typeof d.sentAtMs === "number")
                            m.sentAtMs = d.sentAtMs;
                        else if (typeof d.sentAtMs === "object")
                            m.sentAtMs = new $util.LongBits(d.sentAtMs.low >>> 0, d.sentAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.firmware != null) {
                    if (typeof d.firmware !== "string" || d.firmware.length) {
                        m.firmware = $String(d.firmware);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Header message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.Header
             * @static
             * @param {fleet.v1.Header} m Header
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Header.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.bootId = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.sentAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.firmware = "";
                }
                if (m.bootId != null && $Object.hasOwnProperty.call(m, "bootId")) {
                    d.bootId = m.bootId;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAtMs = typeof m.sentAtMs === "number" ? $BigInt(m.sentAtMs) : $util.Long.fromBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.sentAtMs === "number")
                        d.sentAtMs = o.longs === $String ? $String(m.sentAtMs) : m.sentAtMs;
                    else
                        d.sentAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAtMs) : o.longs === $Number ? new $util.LongBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0).toNumber() : m.sentAtMs;
                }
                if (m.firmware != null && $Object.hasOwnProperty.call(m, "firmware")) {
                    d.firmware = m.firmware;
                }
                return d;
            };

            /**
             * Converts this Header to JSON.
             * @function toJSON
             * @memberof fleet.v1.Header
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Header.prototype.toJSON = function() {
                return Header.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Header
             * @function getTypeUrl
             * @memberof fleet.v1.Header
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Header.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.Header";
            };

            return Header;
        })();

        v1.Location = (function() {

            /**
             * Properties of a Location.
             * @typedef {Object} fleet.v1.Location.$Properties
             * @property {number|null} [latE7] Location latE7
             * @property {number|null} [lonE7] Location lonE7
             * @property {number|null} [accuracyM] Location accuracyM
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Location.
             * @memberof fleet.v1
             * @interface ILocation
             * @augments fleet.v1.Location.$Properties
             * @deprecated Use fleet.v1.Location.$Properties instead.
             */

            /**
             * Shape of a Location.
             * @typedef {fleet.v1.Location.$Properties} fleet.v1.Location.$Shape
             */

            /**
             * Constructs a new Location.
             * @memberof fleet.v1
             * @classdesc Represents a Location.
             * @constructor
             * @param {fleet.v1.Location.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Location = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Location latE7.
             * @member {number} latE7
             * @memberof fleet.v1.Location
             * @instance
             */
            Location.prototype.latE7 = 0;

            /**
             * Location lonE7.
             * @member {number} lonE7
             * @memberof fleet.v1.Location
             * @instance
             */
            Location.prototype.lonE7 = 0;

            /**
             * Location accuracyM.
             * @member {number} accuracyM
             * @memberof fleet.v1.Location
             * @instance
             */
            Location.prototype.accuracyM = 0;

            /**
             * Creates a new Location instance using the specified properties.
             * @function create
             * @memberof fleet.v1.Location
             * @static
             * @param {fleet.v1.Location.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.Location} Location instance
             * @type {{
             *   (properties: fleet.v1.Location.$Shape): fleet.v1.Location & fleet.v1.Location.$Shape;
             *   (properties?: fleet.v1.Location.$Properties): fleet.v1.Location;
             * }}
             */
            Location.create = function(properties) {
                return new Location(properties);
            };

            /**
             * Encodes the specified Location message. Does not implicitly {@link fleet.v1.Location.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.Location
             * @static
             * @param {fleet.v1.Location.$Properties} m Location message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Location.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.latE7 != null && $Object.hasOwnProperty.call(m, "latE7") && m.latE7 !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).sint32(m.latE7);
                if (m.lonE7 != null && $Object.hasOwnProperty.call(m, "lonE7") && m.lonE7 !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).sint32(m.lonE7);
                if (m.accuracyM != null && $Object.hasOwnProperty.call(m, "accuracyM") && m.accuracyM !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.accuracyM);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Location message, length delimited. Does not implicitly {@link fleet.v1.Location.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.Location
             * @static
             * @param {fleet.v1.Location.$Properties} message Location message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Location.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Location message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.Location
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.Location & fleet.v1.Location.$Shape} Location
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Location.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.Location();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.sint32())
                                m.latE7 = v;
                            else
                                delete m.latE7;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.sint32())
                                m.lonE7 = v;
                            else
                                delete m.lonE7;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.accuracyM = v;
                            else
                                delete m.accuracyM;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Location message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.Location
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.Location & fleet.v1.Location.$Shape} Location
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Location.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Location message.
             * @function verify
             * @memberof fleet.v1.Location
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Location.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.latE7 != null && $Object.hasOwnProperty.call(m, "latE7")) {
                    if (!$util.isInteger(m.latE7))
                        return "latE7: integer expected";
                }
                if (m.lonE7 != null && $Object.hasOwnProperty.call(m, "lonE7")) {
                    if (!$util.isInteger(m.lonE7))
                        return "lonE7: integer expected";
                }
                if (m.accuracyM != null && $Object.hasOwnProperty.call(m, "accuracyM")) {
                    if (!$util.isInteger(m.accuracyM))
                        return "accuracyM: integer expected";
                }
                return null;
            };

            /**
             * Creates a Location message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.Location
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.Location} Location
             */
            Location.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.Location)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.Location: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.Location();
                if (d.latE7 != null) {
                    if ($Number(d.latE7) !== 0) {
                        m.latE7 = d.latE7 | 0;
                    }
                }
                if (d.lonE7 != null) {
                    if ($Number(d.lonE7) !== 0) {
                        m.lonE7 = d.lonE7 | 0;
                    }
                }
                if (d.accuracyM != null) {
                    if ($Number(d.accuracyM) !== 0) {
                        m.accuracyM = d.accuracyM >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Location message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.Location
             * @static
             * @param {fleet.v1.Location} m Location
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Location.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.latE7 = 0;
                    d.lonE7 = 0;
                    d.accuracyM = 0;
                }
                if (m.latE7 != null && $Object.hasOwnProperty.call(m, "latE7")) {
                    d.latE7 = m.latE7;
                }
                if (m.lonE7 != null && $Object.hasOwnProperty.call(m, "lonE7")) {
                    d.lonE7 = m.lonE7;
                }
                if (m.accuracyM != null && $Object.hasOwnProperty.call(m, "accuracyM")) {
                    d.accuracyM = m.accuracyM;
                }
                return d;
            };

            /**
             * Converts this Location to JSON.
             * @function toJSON
             * @memberof fleet.v1.Location
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Location.prototype.toJSON = function() {
                return Location.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Location
             * @function getTypeUrl
             * @memberof fleet.v1.Location
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Location.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.Location";
            };

            return Location;
        })();

        /**
         * SlotState enum.
         * @name fleet.v1.SlotState
         * @enum {number}
         * @property {number} SLOT_STATE_UNSPECIFIED=0 SLOT_STATE_UNSPECIFIED value
         * @property {number} SLOT_STATE_EMPTY=1 SLOT_STATE_EMPTY value
         * @property {number} SLOT_STATE_CHARGING=2 SLOT_STATE_CHARGING value
         * @property {number} SLOT_STATE_READY=3 SLOT_STATE_READY value
         * @property {number} SLOT_STATE_FAULT=4 SLOT_STATE_FAULT value
         * @property {number} SLOT_STATE_LOCKED=5 SLOT_STATE_LOCKED value
         */
        v1.SlotState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SLOT_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SLOT_STATE_EMPTY"] = 1;
            values[valuesById[2] = "SLOT_STATE_CHARGING"] = 2;
            values[valuesById[3] = "SLOT_STATE_READY"] = 3;
            values[valuesById[4] = "SLOT_STATE_FAULT"] = 4;
            values[valuesById[5] = "SLOT_STATE_LOCKED"] = 5;
            return values;
        })();

        v1.Slot = (function() {

            /**
             * Properties of a Slot.
             * @typedef {Object} fleet.v1.Slot.$Properties
             * @property {number|null} [index] Slot index
             * @property {fleet.v1.SlotState|null} [state] Slot state
             * @property {string|null} [packId] Slot packId
             * @property {number|null} [socPct] Slot socPct
             * @property {number|null} [tempC] Slot tempC
             * @property {number|null} [chargeCurrentMa] Slot chargeCurrentMa
             * @property {number|null} [faultCode] Slot faultCode
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Slot.
             * @memberof fleet.v1
             * @interface ISlot
             * @augments fleet.v1.Slot.$Properties
             * @deprecated Use fleet.v1.Slot.$Properties instead.
             */

            /**
             * Shape of a Slot.
             * @typedef {fleet.v1.Slot.$Properties} fleet.v1.Slot.$Shape
             */

            /**
             * Constructs a new Slot.
             * @memberof fleet.v1
             * @classdesc Represents a Slot.
             * @constructor
             * @param {fleet.v1.Slot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Slot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Slot index.
             * @member {number} index
             * @memberof fleet.v1.Slot
             * @instance
             */
            Slot.prototype.index = 0;

            /**
             * Slot state.
             * @member {fleet.v1.SlotState} state
             * @memberof fleet.v1.Slot
             * @instance
             */
            Slot.prototype.state = 0;

            /**
             * Slot packId.
             * @member {string} packId
             * @memberof fleet.v1.Slot
             * @instance
             */
            Slot.prototype.packId = "";

            /**
             * Slot socPct.
             * @member {number} socPct
             * @memberof fleet.v1.Slot
             * @instance
             */
            Slot.prototype.socPct = 0;

            /**
             * Slot tempC.
             * @member {number} tempC
             * @memberof fleet.v1.Slot
             * @instance
             */
            Slot.prototype.tempC = 0;

            /**
             * Slot chargeCurrentMa.
             * @member {number} chargeCurrentMa
             * @memberof fleet.v1.Slot
             * @instance
             */
            Slot.prototype.chargeCurrentMa = 0;

            /**
             * Slot faultCode.
             * @member {number} faultCode
             * @memberof fleet.v1.Slot
             * @instance
             */
            Slot.prototype.faultCode = 0;

            /**
             * Creates a new Slot instance using the specified properties.
             * @function create
             * @memberof fleet.v1.Slot
             * @static
             * @param {fleet.v1.Slot.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.Slot} Slot instance
             * @type {{
             *   (properties: fleet.v1.Slot.$Shape): fleet.v1.Slot & fleet.v1.Slot.$Shape;
             *   (properties?: fleet.v1.Slot.$Properties): fleet.v1.Slot;
             * }}
             */
            Slot.create = function(properties) {
                return new Slot(properties);
            };

            /**
             * Encodes the specified Slot message. Does not implicitly {@link fleet.v1.Slot.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.Slot
             * @static
             * @param {fleet.v1.Slot.$Properties} m Slot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Slot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.index != null && $Object.hasOwnProperty.call(m, "index") && m.index !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.index);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.state);
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId") && m.packId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.packId);
                if (m.socPct != null && $Object.hasOwnProperty.call(m, "socPct") && !$Object.is(m.socPct, 0))
                    w.uint32(/* id 4, wireType 5 =*/37).float(m.socPct);
                if (m.tempC != null && $Object.hasOwnProperty.call(m, "tempC") && !$Object.is(m.tempC, 0))
                    w.uint32(/* id 5, wireType 5 =*/45).float(m.tempC);
                if (m.chargeCurrentMa != null && $Object.hasOwnProperty.call(m, "chargeCurrentMa") && m.chargeCurrentMa !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).sint32(m.chargeCurrentMa);
                if (m.faultCode != null && $Object.hasOwnProperty.call(m, "faultCode") && m.faultCode !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.faultCode);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Slot message, length delimited. Does not implicitly {@link fleet.v1.Slot.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.Slot
             * @static
             * @param {fleet.v1.Slot.$Properties} message Slot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Slot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Slot message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.Slot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.Slot & fleet.v1.Slot.$Shape} Slot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Slot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.Slot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.index = v;
                            else
                                delete m.index;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.packId = v;
                            else
                                delete m.packId;
                            continue;
                        }
                    case 4: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.socPct = v;
                            else
                                delete m.socPct;
                            continue;
                        }
                    case 5: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.tempC = v;
                            else
                                delete m.tempC;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.sint32())
                                m.chargeCurrentMa = v;
                            else
                                delete m.chargeCurrentMa;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.faultCode = v;
                            else
                                delete m.faultCode;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Slot message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.Slot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.Slot & fleet.v1.Slot.$Shape} Slot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Slot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Slot message.
             * @function verify
             * @memberof fleet.v1.Slot
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Slot.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    if (!$util.isInteger(m.index))
                        return "index: integer expected";
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (typeof m.state !== "number" || (m.state | 0) !== m.state)
                        return "state: enum value expected";
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    if (!$util.isString(m.packId))
                        return "packId: string expected";
                }
                if (m.socPct != null && $Object.hasOwnProperty.call(m, "socPct")) {
                    if (typeof m.socPct !== "number")
                        return "socPct: number expected";
                }
                if (m.tempC != null && $Object.hasOwnProperty.call(m, "tempC")) {
                    if (typeof m.tempC !== "number")
                        return "tempC: number expected";
                }
                if (m.chargeCurrentMa != null && $Object.hasOwnProperty.call(m, "chargeCurrentMa")) {
                    if (!$util.isInteger(m.chargeCurrentMa))
                        return "chargeCurrentMa: integer expected";
                }
                if (m.faultCode != null && $Object.hasOwnProperty.call(m, "faultCode")) {
                    if (!$util.isInteger(m.faultCode))
                        return "faultCode: integer expected";
                }
                return null;
            };

            /**
             * Creates a Slot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.Slot
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.Slot} Slot
             */
            Slot.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.Slot)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.Slot: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.Slot();
                if (d.index != null) {
                    if ($Number(d.index) !== 0) {
                        m.index = d.index >>> 0;
                    }
                }
                if (d.state !== 0 && (typeof d.state !== "string" || $root.fleet.v1.SlotState[d.state] !== 0)) {
                    switch (d.state) {
                    case "SLOT_STATE_UNSPECIFIED":
                    case 0:
                        m.state = 0;
                        break;
                    case "SLOT_STATE_EMPTY":
                    case 1:
                        m.state = 1;
                        break;
                    case "SLOT_STATE_CHARGING":
                    case 2:
                        m.state = 2;
                        break;
                    case "SLOT_STATE_READY":
                    case 3:
                        m.state = 3;
                        break;
                    case "SLOT_STATE_FAULT":
                    case 4:
                        m.state = 4;
                        break;
                    case "SLOT_STATE_LOCKED":
                    case 5:
                        m.state = 5;
                        break;
                    default:
                        if (typeof d.state === "number" && (d.state | 0) === d.state)
                            m.state = d.state;
                    }
                }
                if (d.packId != null) {
                    if (typeof d.packId !== "string" || d.packId.length) {
                        m.packId = $String(d.packId);
                    }
                }
                if (d.socPct != null) {
                    if (!$Object.is($Number(d.socPct), 0)) {
                        m.socPct = $Number(d.socPct);
                    }
                }
                if (d.tempC != null) {
                    if (!$Object.is($Number(d.tempC), 0)) {
                        m.tempC = $Number(d.tempC);
                    }
                }
                if (d.chargeCurrentMa != null) {
                    if ($Number(d.chargeCurrentMa) !== 0) {
                        m.chargeCurrentMa = d.chargeCurrentMa | 0;
                    }
                }
                if (d.faultCode != null) {
                    if ($Number(d.faultCode) !== 0) {
                        m.faultCode = d.faultCode >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Slot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.Slot
             * @static
             * @param {fleet.v1.Slot} m Slot
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Slot.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.index = 0;
                    d.state = o.enums === $String ? "SLOT_STATE_UNSPECIFIED" : 0;
                    d.packId = "";
                    d.socPct = 0;
                    d.tempC = 0;
                    d.chargeCurrentMa = 0;
                    d.faultCode = 0;
                }
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    d.index = m.index;
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = o.enums === $String ? $root.fleet.v1.SlotState[m.state] === $undefined ? m.state : $root.fleet.v1.SlotState[m.state] : m.state;
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    d.packId = m.packId;
                }
                if (m.socPct != null && $Object.hasOwnProperty.call(m, "socPct")) {
                    d.socPct = o.json && !$isFinite(m.socPct) ? $String(m.socPct) : m.socPct;
                }
                if (m.tempC != null && $Object.hasOwnProperty.call(m, "tempC")) {
                    d.tempC = o.json && !$isFinite(m.tempC) ? $String(m.tempC) : m.tempC;
                }
                if (m.chargeCurrentMa != null && $Object.hasOwnProperty.call(m, "chargeCurrentMa")) {
                    d.chargeCurrentMa = m.chargeCurrentMa;
                }
                if (m.faultCode != null && $Object.hasOwnProperty.call(m, "faultCode")) {
                    d.faultCode = m.faultCode;
                }
                return d;
            };

            /**
             * Converts this Slot to JSON.
             * @function toJSON
             * @memberof fleet.v1.Slot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Slot.prototype.toJSON = function() {
                return Slot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Slot
             * @function getTypeUrl
             * @memberof fleet.v1.Slot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Slot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.Slot";
            };

            return Slot;
        })();

        /**
         * DoorState enum.
         * @name fleet.v1.DoorState
         * @enum {number}
         * @property {number} DOOR_STATE_UNSPECIFIED=0 DOOR_STATE_UNSPECIFIED value
         * @property {number} DOOR_STATE_CLOSED=1 DOOR_STATE_CLOSED value
         * @property {number} DOOR_STATE_OPEN=2 DOOR_STATE_OPEN value
         * @property {number} DOOR_STATE_FORCED=3 DOOR_STATE_FORCED value
         */
        v1.DoorState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DOOR_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DOOR_STATE_CLOSED"] = 1;
            values[valuesById[2] = "DOOR_STATE_OPEN"] = 2;
            values[valuesById[3] = "DOOR_STATE_FORCED"] = 3;
            return values;
        })();

        v1.KioskStatus = (function() {

            /**
             * Properties of a KioskStatus.
             * @typedef {Object} fleet.v1.KioskStatus.$Properties
             * @property {fleet.v1.Header.$Properties|null} [header] KioskStatus header
             * @property {Array.<fleet.v1.Slot.$Properties>|null} [slots] KioskStatus slots
             * @property {boolean|null} [mainsPower] KioskStatus mainsPower
             * @property {fleet.v1.DoorState|null} [door] KioskStatus door
             * @property {number|null} [signalDbm] KioskStatus signalDbm
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a KioskStatus.
             * @memberof fleet.v1
             * @interface IKioskStatus
             * @augments fleet.v1.KioskStatus.$Properties
             * @deprecated Use fleet.v1.KioskStatus.$Properties instead.
             */

            /**
             * Shape of a KioskStatus.
             * @typedef {fleet.v1.KioskStatus.$Properties} fleet.v1.KioskStatus.$Shape
             */

            /**
             * Constructs a new KioskStatus.
             * @memberof fleet.v1
             * @classdesc Represents a KioskStatus.
             * @constructor
             * @param {fleet.v1.KioskStatus.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const KioskStatus = function (p) {
                this.slots = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * KioskStatus header.
             * @member {fleet.v1.Header.$Properties|null|undefined} header
             * @memberof fleet.v1.KioskStatus
             * @instance
             */
            KioskStatus.prototype.header = null;

            /**
             * KioskStatus slots.
             * @member {Array.<fleet.v1.Slot.$Properties>} slots
             * @memberof fleet.v1.KioskStatus
             * @instance
             */
            KioskStatus.prototype.slots = $util.emptyArray;

            /**
             * KioskStatus mainsPower.
             * @member {boolean} mainsPower
             * @memberof fleet.v1.KioskStatus
             * @instance
             */
            KioskStatus.prototype.mainsPower = false;

            /**
             * KioskStatus door.
             * @member {fleet.v1.DoorState} door
             * @memberof fleet.v1.KioskStatus
             * @instance
             */
            KioskStatus.prototype.door = 0;

            /**
             * KioskStatus signalDbm.
             * @member {number} signalDbm
             * @memberof fleet.v1.KioskStatus
             * @instance
             */
            KioskStatus.prototype.signalDbm = 0;

            /**
             * Creates a new KioskStatus instance using the specified properties.
             * @function create
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {fleet.v1.KioskStatus.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.KioskStatus} KioskStatus instance
             * @type {{
             *   (properties: fleet.v1.KioskStatus.$Shape): fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape;
             *   (properties?: fleet.v1.KioskStatus.$Properties): fleet.v1.KioskStatus;
             * }}
             */
            KioskStatus.create = function(properties) {
                return new KioskStatus(properties);
            };

            /**
             * Encodes the specified KioskStatus message. Does not implicitly {@link fleet.v1.KioskStatus.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {fleet.v1.KioskStatus.$Properties} m KioskStatus message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskStatus.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.header != null && $Object.hasOwnProperty.call(m, "header"))
                    $root.fleet.v1.Header.encode(m.header, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.slots != null && m.slots.length) {
                    for (var i = 0; i < m.slots.length; ++i)
                        $root.fleet.v1.Slot.encode(m.slots[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.mainsPower != null && $Object.hasOwnProperty.call(m, "mainsPower") && m.mainsPower !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.mainsPower);
                if (m.door != null && $Object.hasOwnProperty.call(m, "door") && m.door !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).int32(m.door);
                if (m.signalDbm != null && $Object.hasOwnProperty.call(m, "signalDbm") && m.signalDbm !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).sint32(m.signalDbm);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified KioskStatus message, length delimited. Does not implicitly {@link fleet.v1.KioskStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {fleet.v1.KioskStatus.$Properties} message KioskStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a KioskStatus message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape} KioskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskStatus.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.KioskStatus();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.header = $root.fleet.v1.Header.decode(r, r.size(), $undefined, q + 1, m.header);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.slots && m.slots.length))
                                m.slots = [];
                            m.slots.push($root.fleet.v1.Slot.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.mainsPower = v;
                            else
                                delete m.mainsPower;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.door = v;
                            else
                                delete m.door;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.sint32())
                                m.signalDbm = v;
                            else
                                delete m.signalDbm;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a KioskStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape} KioskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a KioskStatus message.
             * @function verify
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            KioskStatus.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    {
                        var e = $root.fleet.v1.Header.verify(m.header, q + 1);
                        if (e)
                            return "header." + e;
                    }
                }
                if (m.slots != null && $Object.hasOwnProperty.call(m, "slots")) {
                    if (!$Array.isArray(m.slots))
                        return "slots: array expected";
                    for (var i = 0; i < m.slots.length; ++i) {
                        {
                            var e = $root.fleet.v1.Slot.verify(m.slots[i], q + 1);
                            if (e)
                                return "slots." + e;
                        }
                    }
                }
                if (m.mainsPower != null && $Object.hasOwnProperty.call(m, "mainsPower")) {
                    if (typeof m.mainsPower !== "boolean")
                        return "mainsPower: boolean expected";
                }
                if (m.door != null && $Object.hasOwnProperty.call(m, "door")) {
                    if (typeof m.door !== "number" || (m.door | 0) !== m.door)
                        return "door: enum value expected";
                }
                if (m.signalDbm != null && $Object.hasOwnProperty.call(m, "signalDbm")) {
                    if (!$util.isInteger(m.signalDbm))
                        return "signalDbm: integer expected";
                }
                return null;
            };

            /**
             * Creates a KioskStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.KioskStatus} KioskStatus
             */
            KioskStatus.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.KioskStatus)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.KioskStatus: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.KioskStatus();
                if (d.header != null) {
                    if (!$util.isObject(d.header))
                        throw $TypeError(".fleet.v1.KioskStatus.header: object expected");
                    m.header = $root.fleet.v1.Header.fromObject(d.header, q + 1);
                }
                if (d.slots) {
                    if (!$Array.isArray(d.slots))
                        throw $TypeError(".fleet.v1.KioskStatus.slots: array expected");
                    m.slots = $Array(d.slots.length);
                    for (var i = 0; i < d.slots.length; ++i) {
                        if (!$util.isObject(d.slots[i]))
                            throw $TypeError(".fleet.v1.KioskStatus.slots: object expected");
                        m.slots[i] = $root.fleet.v1.Slot.fromObject(d.slots[i], q + 1);
                    }
                }
                if (d.mainsPower != null) {
                    if (d.mainsPower) {
                        m.mainsPower = $Boolean(d.mainsPower);
                    }
                }
                if (d.door !== 0 && (typeof d.door !== "string" || $root.fleet.v1.DoorState[d.door] !== 0)) {
                    switch (d.door) {
                    case "DOOR_STATE_UNSPECIFIED":
                    case 0:
                        m.door = 0;
                        break;
                    case "DOOR_STATE_CLOSED":
                    case 1:
                        m.door = 1;
                        break;
                    case "DOOR_STATE_OPEN":
                    case 2:
                        m.door = 2;
                        break;
                    case "DOOR_STATE_FORCED":
                    case 3:
                        m.door = 3;
                        break;
                    default:
                        if (typeof d.door === "number" && (d.door | 0) === d.door)
                            m.door = d.door;
                    }
                }
                if (d.signalDbm != null) {
                    if ($Number(d.signalDbm) !== 0) {
                        m.signalDbm = d.signalDbm | 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a KioskStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {fleet.v1.KioskStatus} m KioskStatus
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            KioskStatus.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.slots = [];
                }
                if (o.defaults) {
                    d.header = null;
                    d.mainsPower = false;
                    d.door = o.enums === $String ? "DOOR_STATE_UNSPECIFIED" : 0;
                    d.signalDbm = 0;
                }
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    d.header = $root.fleet.v1.Header.toObject(m.header, o, q + 1);
                }
                if (m.slots && m.slots.length) {
                    d.slots = $Array(m.slots.length);
                    for (var j = 0; j < m.slots.length; ++j) {
                        d.slots[j] = $root.fleet.v1.Slot.toObject(m.slots[j], o, q + 1);
                    }
                }
                if (m.mainsPower != null && $Object.hasOwnProperty.call(m, "mainsPower")) {
                    d.mainsPower = m.mainsPower;
                }
                if (m.door != null && $Object.hasOwnProperty.call(m, "door")) {
                    d.door = o.enums === $String ? $root.fleet.v1.DoorState[m.door] === $undefined ? m.door : $root.fleet.v1.DoorState[m.door] : m.door;
                }
                if (m.signalDbm != null && $Object.hasOwnProperty.call(m, "signalDbm")) {
                    d.signalDbm = m.signalDbm;
                }
                return d;
            };

            /**
             * Converts this KioskStatus to JSON.
             * @function toJSON
             * @memberof fleet.v1.KioskStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            KioskStatus.prototype.toJSON = function() {
                return KioskStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for KioskStatus
             * @function getTypeUrl
             * @memberof fleet.v1.KioskStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            KioskStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.KioskStatus";
            };

            return KioskStatus;
        })();

        v1.PackInserted = (function() {

            /**
             * Properties of a PackInserted.
             * @typedef {Object} fleet.v1.PackInserted.$Properties
             * @property {number|null} [slot] PackInserted slot
             * @property {string|null} [packId] PackInserted packId
             * @property {string|null} [requestId] PackInserted requestId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PackInserted.
             * @memberof fleet.v1
             * @interface IPackInserted
             * @augments fleet.v1.PackInserted.$Properties
             * @deprecated Use fleet.v1.PackInserted.$Properties instead.
             */

            /**
             * Shape of a PackInserted.
             * @typedef {fleet.v1.PackInserted.$Properties} fleet.v1.PackInserted.$Shape
             */

            /**
             * Constructs a new PackInserted.
             * @memberof fleet.v1
             * @classdesc Represents a PackInserted.
             * @constructor
             * @param {fleet.v1.PackInserted.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PackInserted = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * PackInserted slot.
             * @member {number} slot
             * @memberof fleet.v1.PackInserted
             * @instance
             */
            PackInserted.prototype.slot = 0;

            /**
             * PackInserted packId.
             * @member {string} packId
             * @memberof fleet.v1.PackInserted
             * @instance
             */
            PackInserted.prototype.packId = "";

            /**
             * PackInserted requestId.
             * @member {string} requestId
             * @memberof fleet.v1.PackInserted
             * @instance
             */
            PackInserted.prototype.requestId = "";

            /**
             * Creates a new PackInserted instance using the specified properties.
             * @function create
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {fleet.v1.PackInserted.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.PackInserted} PackInserted instance
             * @type {{
             *   (properties: fleet.v1.PackInserted.$Shape): fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape;
             *   (properties?: fleet.v1.PackInserted.$Properties): fleet.v1.PackInserted;
             * }}
             */
            PackInserted.create = function(properties) {
                return new PackInserted(properties);
            };

            /**
             * Encodes the specified PackInserted message. Does not implicitly {@link fleet.v1.PackInserted.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {fleet.v1.PackInserted.$Properties} m PackInserted message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PackInserted.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.slot);
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId") && m.packId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.packId);
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.requestId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified PackInserted message, length delimited. Does not implicitly {@link fleet.v1.PackInserted.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {fleet.v1.PackInserted.$Properties} message PackInserted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PackInserted.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PackInserted message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape} PackInserted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PackInserted.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.PackInserted();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.slot = v;
                            else
                                delete m.slot;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.packId = v;
                            else
                                delete m.packId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a PackInserted message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape} PackInserted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PackInserted.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PackInserted message.
             * @function verify
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PackInserted.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    if (!$util.isString(m.packId))
                        return "packId: string expected";
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    if (!$util.isString(m.requestId))
                        return "requestId: string expected";
                }
                return null;
            };

            /**
             * Creates a PackInserted message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.PackInserted} PackInserted
             */
            PackInserted.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.PackInserted)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.PackInserted: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.PackInserted();
                if (d.slot != null) {
                    if ($Number(d.slot) !== 0) {
                        m.slot = d.slot >>> 0;
                    }
                }
                if (d.packId != null) {
                    if (typeof d.packId !== "string" || d.packId.length) {
                        m.packId = $String(d.packId);
                    }
                }
                if (d.requestId != null) {
                    if (typeof d.requestId !== "string" || d.requestId.length) {
                        m.requestId = $String(d.requestId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a PackInserted message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {fleet.v1.PackInserted} m PackInserted
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PackInserted.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.slot = 0;
                    d.packId = "";
                    d.requestId = "";
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    d.packId = m.packId;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                return d;
            };

            /**
             * Converts this PackInserted to JSON.
             * @function toJSON
             * @memberof fleet.v1.PackInserted
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PackInserted.prototype.toJSON = function() {
                return PackInserted.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PackInserted
             * @function getTypeUrl
             * @memberof fleet.v1.PackInserted
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PackInserted.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.PackInserted";
            };

            return PackInserted;
        })();

        v1.PackReleased = (function() {

            /**
             * Properties of a PackReleased.
             * @typedef {Object} fleet.v1.PackReleased.$Properties
             * @property {number|null} [slot] PackReleased slot
             * @property {string|null} [packId] PackReleased packId
             * @property {string|null} [commandId] PackReleased commandId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PackReleased.
             * @memberof fleet.v1
             * @interface IPackReleased
             * @augments fleet.v1.PackReleased.$Properties
             * @deprecated Use fleet.v1.PackReleased.$Properties instead.
             */

            /**
             * Shape of a PackReleased.
             * @typedef {fleet.v1.PackReleased.$Properties} fleet.v1.PackReleased.$Shape
             */

            /**
             * Constructs a new PackReleased.
             * @memberof fleet.v1
             * @classdesc Represents a PackReleased.
             * @constructor
             * @param {fleet.v1.PackReleased.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PackReleased = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * PackReleased slot.
             * @member {number} slot
             * @memberof fleet.v1.PackReleased
             * @instance
             */
            PackReleased.prototype.slot = 0;

            /**
             * PackReleased packId.
             * @member {string} packId
             * @memberof fleet.v1.PackReleased
             * @instance
             */
            PackReleased.prototype.packId = "";

            /**
             * PackReleased commandId.
             * @member {string} commandId
             * @memberof fleet.v1.PackReleased
             * @instance
             */
            PackReleased.prototype.commandId = "";

            /**
             * Creates a new PackReleased instance using the specified properties.
             * @function create
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {fleet.v1.PackReleased.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.PackReleased} PackReleased instance
             * @type {{
             *   (properties: fleet.v1.PackReleased.$Shape): fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape;
             *   (properties?: fleet.v1.PackReleased.$Properties): fleet.v1.PackReleased;
             * }}
             */
            PackReleased.create = function(properties) {
                return new PackReleased(properties);
            };

            /**
             * Encodes the specified PackReleased message. Does not implicitly {@link fleet.v1.PackReleased.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {fleet.v1.PackReleased.$Properties} m PackReleased message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PackReleased.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.slot);
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId") && m.packId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.packId);
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.commandId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified PackReleased message, length delimited. Does not implicitly {@link fleet.v1.PackReleased.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {fleet.v1.PackReleased.$Properties} message PackReleased message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PackReleased.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PackReleased message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape} PackReleased
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PackReleased.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.PackReleased();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.slot = v;
                            else
                                delete m.slot;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.packId = v;
                            else
                                delete m.packId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a PackReleased message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape} PackReleased
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PackReleased.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PackReleased message.
             * @function verify
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PackReleased.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    if (!$util.isString(m.packId))
                        return "packId: string expected";
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                return null;
            };

            /**
             * Creates a PackReleased message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.PackReleased} PackReleased
             */
            PackReleased.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.PackReleased)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.PackReleased: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.PackReleased();
                if (d.slot != null) {
                    if ($Number(d.slot) !== 0) {
                        m.slot = d.slot >>> 0;
                    }
                }
                if (d.packId != null) {
                    if (typeof d.packId !== "string" || d.packId.length) {
                        m.packId = $String(d.packId);
                    }
                }
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a PackReleased message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {fleet.v1.PackReleased} m PackReleased
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PackReleased.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.slot = 0;
                    d.packId = "";
                    d.commandId = "";
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    d.packId = m.packId;
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                return d;
            };

            /**
             * Converts this PackReleased to JSON.
             * @function toJSON
             * @memberof fleet.v1.PackReleased
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PackReleased.prototype.toJSON = function() {
                return PackReleased.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PackReleased
             * @function getTypeUrl
             * @memberof fleet.v1.PackReleased
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PackReleased.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.PackReleased";
            };

            return PackReleased;
        })();

        v1.ReleaseFailed = (function() {

            /**
             * Properties of a ReleaseFailed.
             * @typedef {Object} fleet.v1.ReleaseFailed.$Properties
             * @property {number|null} [slot] ReleaseFailed slot
             * @property {string|null} [packId] ReleaseFailed packId
             * @property {string|null} [commandId] ReleaseFailed commandId
             * @property {string|null} [reason] ReleaseFailed reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ReleaseFailed.
             * @memberof fleet.v1
             * @interface IReleaseFailed
             * @augments fleet.v1.ReleaseFailed.$Properties
             * @deprecated Use fleet.v1.ReleaseFailed.$Properties instead.
             */

            /**
             * Shape of a ReleaseFailed.
             * @typedef {fleet.v1.ReleaseFailed.$Properties} fleet.v1.ReleaseFailed.$Shape
             */

            /**
             * Constructs a new ReleaseFailed.
             * @memberof fleet.v1
             * @classdesc Represents a ReleaseFailed.
             * @constructor
             * @param {fleet.v1.ReleaseFailed.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ReleaseFailed = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ReleaseFailed slot.
             * @member {number} slot
             * @memberof fleet.v1.ReleaseFailed
             * @instance
             */
            ReleaseFailed.prototype.slot = 0;

            /**
             * ReleaseFailed packId.
             * @member {string} packId
             * @memberof fleet.v1.ReleaseFailed
             * @instance
             */
            ReleaseFailed.prototype.packId = "";

            /**
             * ReleaseFailed commandId.
             * @member {string} commandId
             * @memberof fleet.v1.ReleaseFailed
             * @instance
             */
            ReleaseFailed.prototype.commandId = "";

            /**
             * ReleaseFailed reason.
             * @member {string} reason
             * @memberof fleet.v1.ReleaseFailed
             * @instance
             */
            ReleaseFailed.prototype.reason = "";

            /**
             * Creates a new ReleaseFailed instance using the specified properties.
             * @function create
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {fleet.v1.ReleaseFailed.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.ReleaseFailed} ReleaseFailed instance
             * @type {{
             *   (properties: fleet.v1.ReleaseFailed.$Shape): fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape;
             *   (properties?: fleet.v1.ReleaseFailed.$Properties): fleet.v1.ReleaseFailed;
             * }}
             */
            ReleaseFailed.create = function(properties) {
                return new ReleaseFailed(properties);
            };

            /**
             * Encodes the specified ReleaseFailed message. Does not implicitly {@link fleet.v1.ReleaseFailed.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {fleet.v1.ReleaseFailed.$Properties} m ReleaseFailed message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReleaseFailed.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.slot);
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId") && m.packId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.packId);
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.commandId);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.reason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ReleaseFailed message, length delimited. Does not implicitly {@link fleet.v1.ReleaseFailed.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {fleet.v1.ReleaseFailed.$Properties} message ReleaseFailed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReleaseFailed.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ReleaseFailed message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape} ReleaseFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReleaseFailed.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.ReleaseFailed();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.slot = v;
                            else
                                delete m.slot;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.packId = v;
                            else
                                delete m.packId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ReleaseFailed message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape} ReleaseFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReleaseFailed.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ReleaseFailed message.
             * @function verify
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ReleaseFailed.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    if (!$util.isString(m.packId))
                        return "packId: string expected";
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                return null;
            };

            /**
             * Creates a ReleaseFailed message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.ReleaseFailed} ReleaseFailed
             */
            ReleaseFailed.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.ReleaseFailed)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.ReleaseFailed: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.ReleaseFailed();
                if (d.slot != null) {
                    if ($Number(d.slot) !== 0) {
                        m.slot = d.slot >>> 0;
                    }
                }
                if (d.packId != null) {
                    if (typeof d.packId !== "string" || d.packId.length) {
                        m.packId = $String(d.packId);
                    }
                }
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ReleaseFailed message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {fleet.v1.ReleaseFailed} m ReleaseFailed
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ReleaseFailed.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.slot = 0;
                    d.packId = "";
                    d.commandId = "";
                    d.reason = "";
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    d.packId = m.packId;
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                return d;
            };

            /**
             * Converts this ReleaseFailed to JSON.
             * @function toJSON
             * @memberof fleet.v1.ReleaseFailed
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ReleaseFailed.prototype.toJSON = function() {
                return ReleaseFailed.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ReleaseFailed
             * @function getTypeUrl
             * @memberof fleet.v1.ReleaseFailed
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ReleaseFailed.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.ReleaseFailed";
            };

            return ReleaseFailed;
        })();

        v1.KioskFault = (function() {

            /**
             * Properties of a KioskFault.
             * @typedef {Object} fleet.v1.KioskFault.$Properties
             * @property {number|null} [slot] KioskFault slot
             * @property {number|null} [faultCode] KioskFault faultCode
             * @property {string|null} [detail] KioskFault detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a KioskFault.
             * @memberof fleet.v1
             * @interface IKioskFault
             * @augments fleet.v1.KioskFault.$Properties
             * @deprecated Use fleet.v1.KioskFault.$Properties instead.
             */

            /**
             * Shape of a KioskFault.
             * @typedef {fleet.v1.KioskFault.$Properties} fleet.v1.KioskFault.$Shape
             */

            /**
             * Constructs a new KioskFault.
             * @memberof fleet.v1
             * @classdesc Represents a KioskFault.
             * @constructor
             * @param {fleet.v1.KioskFault.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const KioskFault = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * KioskFault slot.
             * @member {number|null|undefined} slot
             * @memberof fleet.v1.KioskFault
             * @instance
             */
            KioskFault.prototype.slot = null;

            /**
             * KioskFault faultCode.
             * @member {number} faultCode
             * @memberof fleet.v1.KioskFault
             * @instance
             */
            KioskFault.prototype.faultCode = 0;

            /**
             * KioskFault detail.
             * @member {string} detail
             * @memberof fleet.v1.KioskFault
             * @instance
             */
            KioskFault.prototype.detail = "";

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(KioskFault.prototype, "_slot", {
                get: $util.oneOfGetter($oneOfFields = ["slot"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new KioskFault instance using the specified properties.
             * @function create
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {fleet.v1.KioskFault.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.KioskFault} KioskFault instance
             * @type {{
             *   (properties: fleet.v1.KioskFault.$Shape): fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape;
             *   (properties?: fleet.v1.KioskFault.$Properties): fleet.v1.KioskFault;
             * }}
             */
            KioskFault.create = function(properties) {
                return new KioskFault(properties);
            };

            /**
             * Encodes the specified KioskFault message. Does not implicitly {@link fleet.v1.KioskFault.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {fleet.v1.KioskFault.$Properties} m KioskFault message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskFault.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot"))
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.slot);
                if (m.faultCode != null && $Object.hasOwnProperty.call(m, "faultCode") && m.faultCode !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.faultCode);
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail") && m.detail !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.detail);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified KioskFault message, length delimited. Does not implicitly {@link fleet.v1.KioskFault.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {fleet.v1.KioskFault.$Properties} message KioskFault message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskFault.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a KioskFault message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape} KioskFault
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskFault.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.KioskFault();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.slot = r.uint32();
                            m._slot = "slot";
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.faultCode = v;
                            else
                                delete m.faultCode;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.detail = v;
                            else
                                delete m.detail;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a KioskFault message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape} KioskFault
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskFault.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a KioskFault message.
             * @function verify
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            KioskFault.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    p._slot = 1;
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                if (m.faultCode != null && $Object.hasOwnProperty.call(m, "faultCode")) {
                    if (!$util.isInteger(m.faultCode))
                        return "faultCode: integer expected";
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    if (!$util.isString(m.detail))
                        return "detail: string expected";
                }
                return null;
            };

            /**
             * Creates a KioskFault message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.KioskFault} KioskFault
             */
            KioskFault.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.KioskFault)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.KioskFault: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.KioskFault();
                if (d.slot != null) {
                    m.slot = d.slot >>> 0;
                }
                if (d.faultCode != null) {
                    if ($Number(d.faultCode) !== 0) {
                        m.faultCode = d.faultCode >>> 0;
                    }
                }
                if (d.detail != null) {
                    if (typeof d.detail !== "string" || d.detail.length) {
                        m.detail = $String(d.detail);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a KioskFault message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {fleet.v1.KioskFault} m KioskFault
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            KioskFault.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.faultCode = 0;
                    d.detail = "";
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                if (m.faultCode != null && $Object.hasOwnProperty.call(m, "faultCode")) {
                    d.faultCode = m.faultCode;
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    d.detail = m.detail;
                }
                return d;
            };

            /**
             * Converts this KioskFault to JSON.
             * @function toJSON
             * @memberof fleet.v1.KioskFault
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            KioskFault.prototype.toJSON = function() {
                return KioskFault.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for KioskFault
             * @function getTypeUrl
             * @memberof fleet.v1.KioskFault
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            KioskFault.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.KioskFault";
            };

            return KioskFault;
        })();

        v1.DoorChanged = (function() {

            /**
             * Properties of a DoorChanged.
             * @typedef {Object} fleet.v1.DoorChanged.$Properties
             * @property {fleet.v1.DoorState|null} [door] DoorChanged door
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DoorChanged.
             * @memberof fleet.v1
             * @interface IDoorChanged
             * @augments fleet.v1.DoorChanged.$Properties
             * @deprecated Use fleet.v1.DoorChanged.$Properties instead.
             */

            /**
             * Shape of a DoorChanged.
             * @typedef {fleet.v1.DoorChanged.$Properties} fleet.v1.DoorChanged.$Shape
             */

            /**
             * Constructs a new DoorChanged.
             * @memberof fleet.v1
             * @classdesc Represents a DoorChanged.
             * @constructor
             * @param {fleet.v1.DoorChanged.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DoorChanged = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DoorChanged door.
             * @member {fleet.v1.DoorState} door
             * @memberof fleet.v1.DoorChanged
             * @instance
             */
            DoorChanged.prototype.door = 0;

            /**
             * Creates a new DoorChanged instance using the specified properties.
             * @function create
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {fleet.v1.DoorChanged.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.DoorChanged} DoorChanged instance
             * @type {{
             *   (properties: fleet.v1.DoorChanged.$Shape): fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape;
             *   (properties?: fleet.v1.DoorChanged.$Properties): fleet.v1.DoorChanged;
             * }}
             */
            DoorChanged.create = function(properties) {
                return new DoorChanged(properties);
            };

            /**
             * Encodes the specified DoorChanged message. Does not implicitly {@link fleet.v1.DoorChanged.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {fleet.v1.DoorChanged.$Properties} m DoorChanged message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DoorChanged.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.door != null && $Object.hasOwnProperty.call(m, "door") && m.door !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.door);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified DoorChanged message, length delimited. Does not implicitly {@link fleet.v1.DoorChanged.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {fleet.v1.DoorChanged.$Properties} message DoorChanged message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DoorChanged.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DoorChanged message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape} DoorChanged
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DoorChanged.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.DoorChanged();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.door = v;
                            else
                                delete m.door;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a DoorChanged message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape} DoorChanged
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DoorChanged.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DoorChanged message.
             * @function verify
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DoorChanged.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.door != null && $Object.hasOwnProperty.call(m, "door")) {
                    if (typeof m.door !== "number" || (m.door | 0) !== m.door)
                        return "door: enum value expected";
                }
                return null;
            };

            /**
             * Creates a DoorChanged message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.DoorChanged} DoorChanged
             */
            DoorChanged.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.DoorChanged)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.DoorChanged: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.DoorChanged();
                if (d.door !== 0 && (typeof d.door !== "string" || $root.fleet.v1.DoorState[d.door] !== 0)) {
                    switch (d.door) {
                    case "DOOR_STATE_UNSPECIFIED":
                    case 0:
                        m.door = 0;
                        break;
                    case "DOOR_STATE_CLOSED":
                    case 1:
                        m.door = 1;
                        break;
                    case "DOOR_STATE_OPEN":
                    case 2:
                        m.door = 2;
                        break;
                    case "DOOR_STATE_FORCED":
                    case 3:
                        m.door = 3;
                        break;
                    default:
                        if (typeof d.door === "number" && (d.door | 0) === d.door)
                            m.door = d.door;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DoorChanged message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {fleet.v1.DoorChanged} m DoorChanged
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DoorChanged.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.door = o.enums === $String ? "DOOR_STATE_UNSPECIFIED" : 0;
                }
                if (m.door != null && $Object.hasOwnProperty.call(m, "door")) {
                    d.door = o.enums === $String ? $root.fleet.v1.DoorState[m.door] === $undefined ? m.door : $root.fleet.v1.DoorState[m.door] : m.door;
                }
                return d;
            };

            /**
             * Converts this DoorChanged to JSON.
             * @function toJSON
             * @memberof fleet.v1.DoorChanged
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DoorChanged.prototype.toJSON = function() {
                return DoorChanged.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DoorChanged
             * @function getTypeUrl
             * @memberof fleet.v1.DoorChanged
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DoorChanged.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.DoorChanged";
            };

            return DoorChanged;
        })();

        v1.KioskEvent = (function() {

            /**
             * Properties of a KioskEvent.
             * @typedef {Object} fleet.v1.KioskEvent.$Properties
             * @property {fleet.v1.Header.$Properties|null} [header] KioskEvent header
             * @property {fleet.v1.PackInserted.$Properties|null} [packInserted] KioskEvent packInserted
             * @property {fleet.v1.PackReleased.$Properties|null} [packReleased] KioskEvent packReleased
             * @property {fleet.v1.ReleaseFailed.$Properties|null} [releaseFailed] KioskEvent releaseFailed
             * @property {fleet.v1.KioskFault.$Properties|null} [fault] KioskEvent fault
             * @property {fleet.v1.DoorChanged.$Properties|null} [door] KioskEvent door
             * @property {"packInserted"|"packReleased"|"releaseFailed"|"fault"|"door"} [event] KioskEvent event
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a KioskEvent.
             * @memberof fleet.v1
             * @interface IKioskEvent
             * @augments fleet.v1.KioskEvent.$Properties
             * @deprecated Use fleet.v1.KioskEvent.$Properties instead.
             */

            /**
             * Narrowed shape of a KioskEvent.
             * @typedef {{
             *   header?: fleet.v1.Header.$Shape|null;
             *   packInserted?: fleet.v1.PackInserted.$Shape|null;
             *   packReleased?: fleet.v1.PackReleased.$Shape|null;
             *   releaseFailed?: fleet.v1.ReleaseFailed.$Shape|null;
             *   fault?: fleet.v1.KioskFault.$Shape|null;
             *   door?: fleet.v1.DoorChanged.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ event?: undefined; packInserted?: null; packReleased?: null; releaseFailed?: null; fault?: null; door?: null }|{ event?: "packInserted"; packInserted: fleet.v1.PackInserted.$Shape; packReleased?: null; releaseFailed?: null; fault?: null; door?: null }|{ event?: "packReleased"; packInserted?: null; packReleased: fleet.v1.PackReleased.$Shape; releaseFailed?: null; fault?: null; door?: null }|{ event?: "releaseFailed"; packInserted?: null; packReleased?: null; releaseFailed: fleet.v1.ReleaseFailed.$Shape; fault?: null; door?: null }|{ event?: "fault"; packInserted?: null; packReleased?: null; releaseFailed?: null; fault: fleet.v1.KioskFault.$Shape; door?: null }|{ event?: "door"; packInserted?: null; packReleased?: null; releaseFailed?: null; fault?: null; door: fleet.v1.DoorChanged.$Shape })
             * )} fleet.v1.KioskEvent.$Shape
             */

            /**
             * Constructs a new KioskEvent.
             * @memberof fleet.v1
             * @classdesc Represents a KioskEvent.
             * @constructor
             * @param {fleet.v1.KioskEvent.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const KioskEvent = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * KioskEvent header.
             * @member {fleet.v1.Header.$Properties|null|undefined} header
             * @memberof fleet.v1.KioskEvent
             * @instance
             */
            KioskEvent.prototype.header = null;

            /**
             * KioskEvent packInserted.
             * @member {fleet.v1.PackInserted.$Properties|null|undefined} packInserted
             * @memberof fleet.v1.KioskEvent
             * @instance
             */
            KioskEvent.prototype.packInserted = null;

            /**
             * KioskEvent packReleased.
             * @member {fleet.v1.PackReleased.$Properties|null|undefined} packReleased
             * @memberof fleet.v1.KioskEvent
             * @instance
             */
            KioskEvent.prototype.packReleased = null;

            /**
             * KioskEvent releaseFailed.
             * @member {fleet.v1.ReleaseFailed.$Properties|null|undefined} releaseFailed
             * @memberof fleet.v1.KioskEvent
             * @instance
             */
            KioskEvent.prototype.releaseFailed = null;

            /**
             * KioskEvent fault.
             * @member {fleet.v1.KioskFault.$Properties|null|undefined} fault
             * @memberof fleet.v1.KioskEvent
             * @instance
             */
            KioskEvent.prototype.fault = null;

            /**
             * KioskEvent door.
             * @member {fleet.v1.DoorChanged.$Properties|null|undefined} door
             * @memberof fleet.v1.KioskEvent
             * @instance
             */
            KioskEvent.prototype.door = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * KioskEvent event.
             * @member {"packInserted"|"packReleased"|"releaseFailed"|"fault"|"door"|undefined} event
             * @memberof fleet.v1.KioskEvent
             * @instance
             */
            $Object.defineProperty(KioskEvent.prototype, "event", {
                get: $util.oneOfGetter($oneOfFields = ["packInserted", "packReleased", "releaseFailed", "fault", "door"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new KioskEvent instance using the specified properties.
             * @function create
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {fleet.v1.KioskEvent.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.KioskEvent} KioskEvent instance
             * @type {{
             *   (properties: fleet.v1.KioskEvent.$Shape): fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape;
             *   (properties?: fleet.v1.KioskEvent.$Properties): fleet.v1.KioskEvent;
             * }}
             */
            KioskEvent.create = function(properties) {
                return new KioskEvent(properties);
            };

            /**
             * Encodes the specified KioskEvent message. Does not implicitly {@link fleet.v1.KioskEvent.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {fleet.v1.KioskEvent.$Properties} m KioskEvent message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskEvent.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.header != null && $Object.hasOwnProperty.call(m, "header"))
                    $root.fleet.v1.Header.encode(m.header, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.packInserted != null && $Object.hasOwnProperty.call(m, "packInserted"))
                    $root.fleet.v1.PackInserted.encode(m.packInserted, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.packReleased != null && $Object.hasOwnProperty.call(m, "packReleased"))
                    $root.fleet.v1.PackReleased.encode(m.packReleased, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.releaseFailed != null && $Object.hasOwnProperty.call(m, "releaseFailed"))
                    $root.fleet.v1.ReleaseFailed.encode(m.releaseFailed, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.fault != null && $Object.hasOwnProperty.call(m, "fault"))
                    $root.fleet.v1.KioskFault.encode(m.fault, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.door != null && $Object.hasOwnProperty.call(m, "door"))
                    $root.fleet.v1.DoorChanged.encode(m.door, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified KioskEvent message, length delimited. Does not implicitly {@link fleet.v1.KioskEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {fleet.v1.KioskEvent.$Properties} message KioskEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KioskEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a KioskEvent message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape} KioskEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskEvent.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.KioskEvent();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.header = $root.fleet.v1.Header.decode(r, r.size(), $undefined, q + 1, m.header);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.packInserted = $root.fleet.v1.PackInserted.decode(r, r.size(), $undefined, q + 1, m.packInserted);
                            m.event = "packInserted";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.packReleased = $root.fleet.v1.PackReleased.decode(r, r.size(), $undefined, q + 1, m.packReleased);
                            m.event = "packReleased";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.releaseFailed = $root.fleet.v1.ReleaseFailed.decode(r, r.size(), $undefined, q + 1, m.releaseFailed);
                            m.event = "releaseFailed";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.fault = $root.fleet.v1.KioskFault.decode(r, r.size(), $undefined, q + 1, m.fault);
                            m.event = "fault";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.door = $root.fleet.v1.DoorChanged.decode(r, r.size(), $undefined, q + 1, m.door);
                            m.event = "door";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a KioskEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape} KioskEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KioskEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a KioskEvent message.
             * @function verify
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            KioskEvent.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    {
                        var e = $root.fleet.v1.Header.verify(m.header, q + 1);
                        if (e)
                            return "header." + e;
                    }
                }
                if (m.packInserted != null && $Object.hasOwnProperty.call(m, "packInserted")) {
                    p.event = 1;
                    {
                        var e = $root.fleet.v1.PackInserted.verify(m.packInserted, q + 1);
                        if (e)
                            return "packInserted." + e;
                    }
                }
                if (m.packReleased != null && $Object.hasOwnProperty.call(m, "packReleased")) {
                    if (p.event === 1)
                        return "event: multiple values";
                    p.event = 1;
                    {
                        var e = $root.fleet.v1.PackReleased.verify(m.packReleased, q + 1);
                        if (e)
                            return "packReleased." + e;
                    }
                }
                if (m.releaseFailed != null && $Object.hasOwnProperty.call(m, "releaseFailed")) {
                    if (p.event === 1)
                        return "event: multiple values";
                    p.event = 1;
                    {
                        var e = $root.fleet.v1.ReleaseFailed.verify(m.releaseFailed, q + 1);
                        if (e)
                            return "releaseFailed." + e;
                    }
                }
                if (m.fault != null && $Object.hasOwnProperty.call(m, "fault")) {
                    if (p.event === 1)
                        return "event: multiple values";
                    p.event = 1;
                    {
                        var e = $root.fleet.v1.KioskFault.verify(m.fault, q + 1);
                        if (e)
                            return "fault." + e;
                    }
                }
                if (m.door != null && $Object.hasOwnProperty.call(m, "door")) {
                    if (p.event === 1)
                        return "event: multiple values";
                    p.event = 1;
                    {
                        var e = $root.fleet.v1.DoorChanged.verify(m.door, q + 1);
                        if (e)
                            return "door." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a KioskEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.KioskEvent} KioskEvent
             */
            KioskEvent.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.KioskEvent)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.KioskEvent: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.KioskEvent();
                if (d.header != null) {
                    if (!$util.isObject(d.header))
                        throw $TypeError(".fleet.v1.KioskEvent.header: object expected");
                    m.header = $root.fleet.v1.Header.fromObject(d.header, q + 1);
                }
                if (d.packInserted != null) {
                    if (!$util.isObject(d.packInserted))
                        throw $TypeError(".fleet.v1.KioskEvent.packInserted: object expected");
                    m.packInserted = $root.fleet.v1.PackInserted.fromObject(d.packInserted, q + 1);
                }
                if (d.packReleased != null) {
                    if (!$util.isObject(d.packReleased))
                        throw $TypeError(".fleet.v1.KioskEvent.packReleased: object expected");
                    m.packReleased = $root.fleet.v1.PackReleased.fromObject(d.packReleased, q + 1);
                }
                if (d.releaseFailed != null) {
                    if (!$util.isObject(d.releaseFailed))
                        throw $TypeError(".fleet.v1.KioskEvent.releaseFailed: object expected");
                    m.releaseFailed = $root.fleet.v1.ReleaseFailed.fromObject(d.releaseFailed, q + 1);
                }
                if (d.fault != null) {
                    if (!$util.isObject(d.fault))
                        throw $TypeError(".fleet.v1.KioskEvent.fault: object expected");
                    m.fault = $root.fleet.v1.KioskFault.fromObject(d.fault, q + 1);
                }
                if (d.door != null) {
                    if (!$util.isObject(d.door))
                        throw $TypeError(".fleet.v1.KioskEvent.door: object expected");
                    m.door = $root.fleet.v1.DoorChanged.fromObject(d.door, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a KioskEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {fleet.v1.KioskEvent} m KioskEvent
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            KioskEvent.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.header = null;
                }
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    d.header = $root.fleet.v1.Header.toObject(m.header, o, q + 1);
                }
                if (m.packInserted != null && $Object.hasOwnProperty.call(m, "packInserted")) {
                    d.packInserted = $root.fleet.v1.PackInserted.toObject(m.packInserted, o, q + 1);
                    if (o.oneofs)
                        d.event = "packInserted";
                }
                if (m.packReleased != null && $Object.hasOwnProperty.call(m, "packReleased")) {
                    d.packReleased = $root.fleet.v1.PackReleased.toObject(m.packReleased, o, q + 1);
                    if (o.oneofs)
                        d.event = "packReleased";
                }
                if (m.releaseFailed != null && $Object.hasOwnProperty.call(m, "releaseFailed")) {
                    d.releaseFailed = $root.fleet.v1.ReleaseFailed.toObject(m.releaseFailed, o, q + 1);
                    if (o.oneofs)
                        d.event = "releaseFailed";
                }
                if (m.fault != null && $Object.hasOwnProperty.call(m, "fault")) {
                    d.fault = $root.fleet.v1.KioskFault.toObject(m.fault, o, q + 1);
                    if (o.oneofs)
                        d.event = "fault";
                }
                if (m.door != null && $Object.hasOwnProperty.call(m, "door")) {
                    d.door = $root.fleet.v1.DoorChanged.toObject(m.door, o, q + 1);
                    if (o.oneofs)
                        d.event = "door";
                }
                return d;
            };

            /**
             * Converts this KioskEvent to JSON.
             * @function toJSON
             * @memberof fleet.v1.KioskEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            KioskEvent.prototype.toJSON = function() {
                return KioskEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for KioskEvent
             * @function getTypeUrl
             * @memberof fleet.v1.KioskEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            KioskEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.KioskEvent";
            };

            return KioskEvent;
        })();

        v1.Nudge = (function() {

            /**
             * Properties of a Nudge.
             * @typedef {Object} fleet.v1.Nudge.$Properties
             * @property {string|null} [nudgeId] Nudge nudgeId
             * @property {string|null} [packId] Nudge packId
             * @property {number|null} [packSocPct] Nudge packSocPct
             * @property {string|null} [storeId] Nudge storeId
             * @property {string|null} [storeName] Nudge storeName
             * @property {number|null} [distanceM] Nudge distanceM
             * @property {number|null} [chargedPacks] Nudge chargedPacks
             * @property {number|Long|null} [holdExpiresAtMs] Nudge holdExpiresAtMs
             * @property {string|null} [text] Nudge text
             * @property {number|Long|null} [sentAtMs] Nudge sentAtMs
             * @property {Array.<string>|null} [reasons] Nudge reasons
             * @property {string|null} [kioskId] Nudge kioskId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Nudge.
             * @memberof fleet.v1
             * @interface INudge
             * @augments fleet.v1.Nudge.$Properties
             * @deprecated Use fleet.v1.Nudge.$Properties instead.
             */

            /**
             * Shape of a Nudge.
             * @typedef {fleet.v1.Nudge.$Properties} fleet.v1.Nudge.$Shape
             */

            /**
             * Constructs a new Nudge.
             * @memberof fleet.v1
             * @classdesc Represents a Nudge.
             * @constructor
             * @param {fleet.v1.Nudge.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Nudge = function (p) {
                this.reasons = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Nudge nudgeId.
             * @member {string} nudgeId
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.nudgeId = "";

            /**
             * Nudge packId.
             * @member {string} packId
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.packId = "";

            /**
             * Nudge packSocPct.
             * @member {number} packSocPct
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.packSocPct = 0;

            /**
             * Nudge storeId.
             * @member {string} storeId
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.storeId = "";

            /**
             * Nudge storeName.
             * @member {string} storeName
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.storeName = "";

            /**
             * Nudge distanceM.
             * @member {number} distanceM
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.distanceM = 0;

            /**
             * Nudge chargedPacks.
             * @member {number} chargedPacks
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.chargedPacks = 0;

            /**
             * Nudge holdExpiresAtMs.
             * @member {number|Long} holdExpiresAtMs
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.holdExpiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Nudge text.
             * @member {string} text
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.text = "";

            /**
             * Nudge sentAtMs.
             * @member {number|Long} sentAtMs
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Nudge reasons.
             * @member {Array.<string>} reasons
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.reasons = $util.emptyArray;

            /**
             * Nudge kioskId.
             * @member {string} kioskId
             * @memberof fleet.v1.Nudge
             * @instance
             */
            Nudge.prototype.kioskId = "";

            /**
             * Creates a new Nudge instance using the specified properties.
             * @function create
             * @memberof fleet.v1.Nudge
             * @static
             * @param {fleet.v1.Nudge.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.Nudge} Nudge instance
             * @type {{
             *   (properties: fleet.v1.Nudge.$Shape): fleet.v1.Nudge & fleet.v1.Nudge.$Shape;
             *   (properties?: fleet.v1.Nudge.$Properties): fleet.v1.Nudge;
             * }}
             */
            Nudge.create = function(properties) {
                return new Nudge(properties);
            };

            /**
             * Encodes the specified Nudge message. Does not implicitly {@link fleet.v1.Nudge.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.Nudge
             * @static
             * @param {fleet.v1.Nudge.$Properties} m Nudge message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Nudge.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.nudgeId != null && $Object.hasOwnProperty.call(m, "nudgeId") && m.nudgeId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.nudgeId);
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId") && m.packId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.packId);
                if (m.packSocPct != null && $Object.hasOwnProperty.call(m, "packSocPct") && !$Object.is(m.packSocPct, 0))
                    w.uint32(/* id 3, wireType 5 =*/29).float(m.packSocPct);
                if (m.storeId != null && $Object.hasOwnProperty.call(m, "storeId") && m.storeId !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.storeId);
                if (m.storeName != null && $Object.hasOwnProperty.call(m, "storeName") && m.storeName !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.storeName);
                if (m.distanceM != null && $Object.hasOwnProperty.call(m, "distanceM") && m.distanceM !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.distanceM);
                if (m.chargedPacks != null && $Object.hasOwnProperty.call(m, "chargedPacks") && m.chargedPacks !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.chargedPacks);
                if (m.holdExpiresAtMs != null && $Object.hasOwnProperty.call(m, "holdExpiresAtMs") && (typeof m.holdExpiresAtMs === "object" ? m.holdExpiresAtMs.low || m.holdExpiresAtMs.high : m.holdExpiresAtMs !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).int64(m.holdExpiresAtMs);
                if (m.text != null && $Object.hasOwnProperty.call(m, "text") && m.text !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.text);
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs") && (typeof m.sentAtMs === "object" ? m.sentAtMs.low || m.sentAtMs.high : m.sentAtMs !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).int64(m.sentAtMs);
                if (m.reasons != null && m.reasons.length) {
                    for (var i = 0; i < m.reasons.length; ++i)
                        w.uint32(/* id 11, wireType 2 =*/90).string(m.reasons[i]);
                }
                if (m.kioskId != null && $Object.hasOwnProperty.call(m, "kioskId") && m.kioskId !== "")
                    w.uint32(/* id 12, wireType 2 =*/98).string(m.kioskId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Nudge message, length delimited. Does not implicitly {@link fleet.v1.Nudge.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.Nudge
             * @static
             * @param {fleet.v1.Nudge.$Properties} message Nudge message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Nudge.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Nudge message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.Nudge
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.Nudge & fleet.v1.Nudge.$Shape} Nudge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Nudge.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.Nudge();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.nudgeId = v;
                            else
                                delete m.nudgeId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.packId = v;
                            else
                                delete m.packId;
                            continue;
                        }
                    case 3: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.packSocPct = v;
                            else
                                delete m.packSocPct;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.storeId = v;
                            else
                                delete m.storeId;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.storeName = v;
                            else
                                delete m.storeName;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.distanceM = v;
                            else
                                delete m.distanceM;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.chargedPacks = v;
                            else
                                delete m.chargedPacks;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.holdExpiresAtMs = v;
                            else
                                delete m.holdExpiresAtMs;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.text = v;
                            else
                                delete m.text;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAtMs = v;
                            else
                                delete m.sentAtMs;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if (!(m.reasons && m.reasons.length))
                                m.reasons = [];
                            m.reasons.push(r.stringVerify());
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.kioskId = v;
                            else
                                delete m.kioskId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Nudge message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.Nudge
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.Nudge & fleet.v1.Nudge.$Shape} Nudge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Nudge.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Nudge message.
             * @function verify
             * @memberof fleet.v1.Nudge
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Nudge.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.nudgeId != null && $Object.hasOwnProperty.call(m, "nudgeId")) {
                    if (!$util.isString(m.nudgeId))
                        return "nudgeId: string expected";
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    if (!$util.isString(m.packId))
                        return "packId: string expected";
                }
                if (m.packSocPct != null && $Object.hasOwnProperty.call(m, "packSocPct")) {
                    if (typeof m.packSocPct !== "number")
                        return "packSocPct: number expected";
                }
                if (m.storeId != null && $Object.hasOwnProperty.call(m, "storeId")) {
                    if (!$util.isString(m.storeId))
                        return "storeId: string expected";
                }
                if (m.storeName != null && $Object.hasOwnProperty.call(m, "storeName")) {
                    if (!$util.isString(m.storeName))
                        return "storeName: string expected";
                }
                if (m.distanceM != null && $Object.hasOwnProperty.call(m, "distanceM")) {
                    if (!$util.isInteger(m.distanceM))
                        return "distanceM: integer expected";
                }
                if (m.chargedPacks != null && $Object.hasOwnProperty.call(m, "chargedPacks")) {
                    if (!$util.isInteger(m.chargedPacks))
                        return "chargedPacks: integer expected";
                }
                if (m.holdExpiresAtMs != null && $Object.hasOwnProperty.call(m, "holdExpiresAtMs")) {
                    if (!$util.isInteger(m.holdExpiresAtMs) && !(m.holdExpiresAtMs && $util.isInteger(m.holdExpiresAtMs.low) && $util.isInteger(m.holdExpiresAtMs.high)))
                        return "holdExpiresAtMs: integer|Long expected";
                }
                if (m.text != null && $Object.hasOwnProperty.call(m, "text")) {
                    if (!$util.isString(m.text))
                        return "text: string expected";
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (!$util.isInteger(m.sentAtMs) && !(m.sentAtMs && $util.isInteger(m.sentAtMs.low) && $util.isInteger(m.sentAtMs.high)))
                        return "sentAtMs: integer|Long expected";
                }
                if (m.reasons != null && $Object.hasOwnProperty.call(m, "reasons")) {
                    if (!$Array.isArray(m.reasons))
                        return "reasons: array expected";
                    for (var i = 0; i < m.reasons.length; ++i) {
                        if (!$util.isString(m.reasons[i]))
                            return "reasons: string[] expected";
                    }
                }
                if (m.kioskId != null && $Object.hasOwnProperty.call(m, "kioskId")) {
                    if (!$util.isString(m.kioskId))
                        return "kioskId: string expected";
                }
                return null;
            };

            /**
             * Creates a Nudge message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.Nudge
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.Nudge} Nudge
             */
            Nudge.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.Nudge)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.Nudge: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.Nudge();
                if (d.nudgeId != null) {
                    if (typeof d.nudgeId !== "string" || d.nudgeId.length) {
                        m.nudgeId = $String(d.nudgeId);
                    }
                }
                if (d.packId != null) {
                    if (typeof d.packId !== "string" || d.packId.length) {
                        m.packId = $String(d.packId);
                    }
                }
                if (d.packSocPct != null) {
                    if (!$Object.is($Number(d.packSocPct), 0)) {
                        m.packSocPct = $Number(d.packSocPct);
                    }
                }
                if (d.storeId != null) {
                    if (typeof d.storeId !== "string" || d.storeId.length) {
                        m.storeId = $String(d.storeId);
                    }
                }
                if (d.storeName != null) {
                    if (typeof d.storeName !== "string" || d.storeName.length) {
                        m.storeName = $String(d.storeName);
                    }
                }
                if (d.distanceM != null) {
                    if ($Number(d.distanceM) !== 0) {
                        m.distanceM = d.distanceM >>> 0;
                    }
                }
                if (d.chargedPacks != null) {
                    if ($Number(d.chargedPacks) !== 0) {
                        m.chargedPacks = d.chargedPacks >>> 0;
                    }
                }
                if (d.holdExpiresAtMs != null) {
                    if (typeof d.holdExpiresAtMs === "object" ? d.holdExpiresAtMs.low || d.holdExpiresAtMs.high : $Number(d.holdExpiresAtMs) !== 0) {
                        if ($util.Long)
                            m.holdExpiresAtMs = $util.Long.fromValue(d.holdExpiresAtMs, false);
                        else if (typeof d.holdExpiresAtMs === "string")
                            m.holdExpiresAtMs = $parseInt(d.holdExpiresAtMs, 10);
                        else if (typeof d.holdExpiresAtMs === "number")
                            m.holdExpiresAtMs = d.holdExpiresAtMs;
                        else if (typeof d.holdExpiresAtMs === "object")
                            m.holdExpiresAtMs = new $util.LongBits(d.holdExpiresAtMs.low >>> 0, d.holdExpiresAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.text != null) {
                    if (typeof d.text !== "string" || d.text.length) {
                        m.text = $String(d.text);
                    }
                }
                if (d.sentAtMs != null) {
                    if (typeof d.sentAtMs === "object" ? d.sentAtMs.low || d.sentAtMs.high : $Number(d.sentAtMs) !== 0) {
                        if ($util.Long)
                            m.sentAtMs = $util.Long.fromValue(d.sentAtMs, false);
                        else if (typeof d.sentAtMs === "string")
                            m.sentAtMs = $parseInt(d.sentAtMs, 10);
                        else if (typeof d.sentAtMs === "number")
                            m.sentAtMs = d.sentAtMs;
                        else if (typeof d.sentAtMs === "object")
                            m.sentAtMs = new $util.LongBits(d.sentAtMs.low >>> 0, d.sentAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.reasons) {
                    if (!$Array.isArray(d.reasons))
                        throw $TypeError(".fleet.v1.Nudge.reasons: array expected");
                    m.reasons = $Array(d.reasons.length);
                    for (var i = 0; i < d.reasons.length; ++i) {
                        m.reasons[i] = $String(d.reasons[i]);
                    }
                }
                if (d.kioskId != null) {
                    if (typeof d.kioskId !== "string" || d.kioskId.length) {
                        m.kioskId = $String(d.kioskId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Nudge message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.Nudge
             * @static
             * @param {fleet.v1.Nudge} m Nudge
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Nudge.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.reasons = [];
                }
                if (o.defaults) {
                    d.nudgeId = "";
                    d.packId = "";
                    d.packSocPct = 0;
                    d.storeId = "";
                    d.storeName = "";
                    d.distanceM = 0;
                    d.chargedPacks = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.holdExpiresAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.holdExpiresAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.text = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.sentAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.kioskId = "";
                }
                if (m.nudgeId != null && $Object.hasOwnProperty.call(m, "nudgeId")) {
                    d.nudgeId = m.nudgeId;
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    d.packId = m.packId;
                }
                if (m.packSocPct != null && $Object.hasOwnProperty.call(m, "packSocPct")) {
                    d.packSocPct = o.json && !$isFinite(m.packSocPct) ? $String(m.packSocPct) : m.packSocPct;
                }
                if (m.storeId != null && $Object.hasOwnProperty.call(m, "storeId")) {
                    d.storeId = m.storeId;
                }
                if (m.storeName != null && $Object.hasOwnProperty.call(m, "storeName")) {
                    d.storeName = m.storeName;
                }
                if (m.distanceM != null && $Object.hasOwnProperty.call(m, "distanceM")) {
                    d.distanceM = m.distanceM;
                }
                if (m.chargedPacks != null && $Object.hasOwnProperty.call(m, "chargedPacks")) {
                    d.chargedPacks = m.chargedPacks;
                }
                if (m.holdExpiresAtMs != null && $Object.hasOwnProperty.call(m, "holdExpiresAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.holdExpiresAtMs = typeof m.holdExpiresAtMs === "number" ? $BigInt(m.holdExpiresAtMs) : $util.Long.fromBits(m.holdExpiresAtMs.low >>> 0, m.holdExpiresAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.holdExpiresAtMs === "number")
                        d.holdExpiresAtMs = o.longs === $String ? $String(m.holdExpiresAtMs) : m.holdExpiresAtMs;
                    else
                        d.holdExpiresAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.holdExpiresAtMs) : o.longs === $Number ? new $util.LongBits(m.holdExpiresAtMs.low >>> 0, m.holdExpiresAtMs.high >>> 0).toNumber() : m.holdExpiresAtMs;
                }
                if (m.text != null && $Object.hasOwnProperty.call(m, "text")) {
                    d.text = m.text;
                }
                if (m.sentAtMs != null && $Object.hasOwnProperty.call(m, "sentAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAtMs = typeof m.sentAtMs === "number" ? $BigInt(m.sentAtMs) : $util.Long.fromBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.sentAtMs === "number")
                        d.sentAtMs = o.longs === $String ? $String(m.sentAtMs) : m.sentAtMs;
                    else
                        d.sentAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAtMs) : o.longs === $Number ? new $util.LongBits(m.sentAtMs.low >>> 0, m.sentAtMs.high >>> 0).toNumber() : m.sentAtMs;
                }
                if (m.reasons && m.reasons.length) {
                    d.reasons = $Array(m.reasons.length);
                    for (var j = 0; j < m.reasons.length; ++j) {
                        d.reasons[j] = m.reasons[j];
                    }
                }
                if (m.kioskId != null && $Object.hasOwnProperty.call(m, "kioskId")) {
                    d.kioskId = m.kioskId;
                }
                return d;
            };

            /**
             * Converts this Nudge to JSON.
             * @function toJSON
             * @memberof fleet.v1.Nudge
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Nudge.prototype.toJSON = function() {
                return Nudge.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Nudge
             * @function getTypeUrl
             * @memberof fleet.v1.Nudge
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Nudge.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.Nudge";
            };

            return Nudge;
        })();

        /**
         * PackState enum.
         * @name fleet.v1.PackState
         * @enum {number}
         * @property {number} PACK_STATE_UNSPECIFIED=0 PACK_STATE_UNSPECIFIED value
         * @property {number} PACK_STATE_IDLE=1 PACK_STATE_IDLE value
         * @property {number} PACK_STATE_DISCHARGING=2 PACK_STATE_DISCHARGING value
         * @property {number} PACK_STATE_CHARGING=3 PACK_STATE_CHARGING value
         * @property {number} PACK_STATE_FULL=4 PACK_STATE_FULL value
         * @property {number} PACK_STATE_FAULT=5 PACK_STATE_FAULT value
         * @property {number} PACK_STATE_SLEEP=6 PACK_STATE_SLEEP value
         */
        v1.PackState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "PACK_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "PACK_STATE_IDLE"] = 1;
            values[valuesById[2] = "PACK_STATE_DISCHARGING"] = 2;
            values[valuesById[3] = "PACK_STATE_CHARGING"] = 3;
            values[valuesById[4] = "PACK_STATE_FULL"] = 4;
            values[valuesById[5] = "PACK_STATE_FAULT"] = 5;
            values[valuesById[6] = "PACK_STATE_SLEEP"] = 6;
            return values;
        })();

        /**
         * PackFaultBit enum.
         * @name fleet.v1.PackFaultBit
         * @enum {number}
         * @property {number} PACK_FAULT_NONE=0 PACK_FAULT_NONE value
         * @property {number} PACK_FAULT_OVER_TEMP=1 PACK_FAULT_OVER_TEMP value
         * @property {number} PACK_FAULT_SWELLING=2 PACK_FAULT_SWELLING value
         * @property {number} PACK_FAULT_CELL_IMBALANCE=4 PACK_FAULT_CELL_IMBALANCE value
         * @property {number} PACK_FAULT_OVER_VOLTAGE=8 PACK_FAULT_OVER_VOLTAGE value
         * @property {number} PACK_FAULT_UNDER_VOLTAGE=16 PACK_FAULT_UNDER_VOLTAGE value
         * @property {number} PACK_FAULT_CHARGE_TIMEOUT=32 PACK_FAULT_CHARGE_TIMEOUT value
         * @property {number} PACK_FAULT_SENSOR=64 PACK_FAULT_SENSOR value
         */
        v1.PackFaultBit = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "PACK_FAULT_NONE"] = 0;
            values[valuesById[1] = "PACK_FAULT_OVER_TEMP"] = 1;
            values[valuesById[2] = "PACK_FAULT_SWELLING"] = 2;
            values[valuesById[4] = "PACK_FAULT_CELL_IMBALANCE"] = 4;
            values[valuesById[8] = "PACK_FAULT_OVER_VOLTAGE"] = 8;
            values[valuesById[16] = "PACK_FAULT_UNDER_VOLTAGE"] = 16;
            values[valuesById[32] = "PACK_FAULT_CHARGE_TIMEOUT"] = 32;
            values[valuesById[64] = "PACK_FAULT_SENSOR"] = 64;
            return values;
        })();

        v1.PackTelemetry = (function() {

            /**
             * Properties of a PackTelemetry.
             * @typedef {Object} fleet.v1.PackTelemetry.$Properties
             * @property {fleet.v1.Header.$Properties|null} [header] PackTelemetry header
             * @property {number|null} [socPct] PackTelemetry socPct
             * @property {number|null} [voltageMv] PackTelemetry voltageMv
             * @property {number|null} [currentMa] PackTelemetry currentMa
             * @property {number|null} [tempC] PackTelemetry tempC
             * @property {number|null} [cycles] PackTelemetry cycles
             * @property {number|null} [sohPct] PackTelemetry sohPct
             * @property {fleet.v1.PackState|null} [state] PackTelemetry state
             * @property {number|null} [faultFlags] PackTelemetry faultFlags
             * @property {fleet.v1.Location.$Properties|null} [location] PackTelemetry location
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PackTelemetry.
             * @memberof fleet.v1
             * @interface IPackTelemetry
             * @augments fleet.v1.PackTelemetry.$Properties
             * @deprecated Use fleet.v1.PackTelemetry.$Properties instead.
             */

            /**
             * Shape of a PackTelemetry.
             * @typedef {fleet.v1.PackTelemetry.$Properties} fleet.v1.PackTelemetry.$Shape
             */

            /**
             * Constructs a new PackTelemetry.
             * @memberof fleet.v1
             * @classdesc Represents a PackTelemetry.
             * @constructor
             * @param {fleet.v1.PackTelemetry.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PackTelemetry = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * PackTelemetry header.
             * @member {fleet.v1.Header.$Properties|null|undefined} header
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.header = null;

            /**
             * PackTelemetry socPct.
             * @member {number} socPct
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.socPct = 0;

            /**
             * PackTelemetry voltageMv.
             * @member {number} voltageMv
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.voltageMv = 0;

            /**
             * PackTelemetry currentMa.
             * @member {number} currentMa
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.currentMa = 0;

            /**
             * PackTelemetry tempC.
             * @member {number} tempC
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.tempC = 0;

            /**
             * PackTelemetry cycles.
             * @member {number} cycles
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.cycles = 0;

            /**
             * PackTelemetry sohPct.
             * @member {number} sohPct
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.sohPct = 0;

            /**
             * PackTelemetry state.
             * @member {fleet.v1.PackState} state
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.state = 0;

            /**
             * PackTelemetry faultFlags.
             * @member {number} faultFlags
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.faultFlags = 0;

            /**
             * PackTelemetry location.
             * @member {fleet.v1.Location.$Properties|null|undefined} location
             * @memberof fleet.v1.PackTelemetry
             * @instance
             */
            PackTelemetry.prototype.location = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PackTelemetry.prototype, "_location", {
                get: $util.oneOfGetter($oneOfFields = ["location"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new PackTelemetry instance using the specified properties.
             * @function create
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {fleet.v1.PackTelemetry.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.PackTelemetry} PackTelemetry instance
             * @type {{
             *   (properties: fleet.v1.PackTelemetry.$Shape): fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape;
             *   (properties?: fleet.v1.PackTelemetry.$Properties): fleet.v1.PackTelemetry;
             * }}
             */
            PackTelemetry.create = function(properties) {
                return new PackTelemetry(properties);
            };

            /**
             * Encodes the specified PackTelemetry message. Does not implicitly {@link fleet.v1.PackTelemetry.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {fleet.v1.PackTelemetry.$Properties} m PackTelemetry message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PackTelemetry.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.header != null && $Object.hasOwnProperty.call(m, "header"))
                    $root.fleet.v1.Header.encode(m.header, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.socPct != null && $Object.hasOwnProperty.call(m, "socPct") && !$Object.is(m.socPct, 0))
                    w.uint32(/* id 2, wireType 5 =*/21).float(m.socPct);
                if (m.voltageMv != null && $Object.hasOwnProperty.call(m, "voltageMv") && m.voltageMv !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.voltageMv);
                if (m.currentMa != null && $Object.hasOwnProperty.call(m, "currentMa") && m.currentMa !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).sint32(m.currentMa);
                if (m.tempC != null && $Object.hasOwnProperty.call(m, "tempC") && !$Object.is(m.tempC, 0))
                    w.uint32(/* id 5, wireType 5 =*/45).float(m.tempC);
                if (m.cycles != null && $Object.hasOwnProperty.call(m, "cycles") && m.cycles !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.cycles);
                if (m.sohPct != null && $Object.hasOwnProperty.call(m, "sohPct") && !$Object.is(m.sohPct, 0))
                    w.uint32(/* id 7, wireType 5 =*/61).float(m.sohPct);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).int32(m.state);
                if (m.faultFlags != null && $Object.hasOwnProperty.call(m, "faultFlags") && m.faultFlags !== 0)
                    w.uint32(/* id 9, wireType 0 =*/72).uint32(m.faultFlags);
                if (m.location != null && $Object.hasOwnProperty.call(m, "location"))
                    $root.fleet.v1.Location.encode(m.location, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified PackTelemetry message, length delimited. Does not implicitly {@link fleet.v1.PackTelemetry.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {fleet.v1.PackTelemetry.$Properties} message PackTelemetry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PackTelemetry.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PackTelemetry message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape} PackTelemetry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PackTelemetry.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.PackTelemetry();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.header = $root.fleet.v1.Header.decode(r, r.size(), $undefined, q + 1, m.header);
                            continue;
                        }
                    case 2: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.socPct = v;
                            else
                                delete m.socPct;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.voltageMv = v;
                            else
                                delete m.voltageMv;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.sint32())
                                m.currentMa = v;
                            else
                                delete m.currentMa;
                            continue;
                        }
                    case 5: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.tempC = v;
                            else
                                delete m.tempC;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.cycles = v;
                            else
                                delete m.cycles;
                            continue;
                        }
                    case 7: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.sohPct = v;
                            else
                                delete m.sohPct;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.faultFlags = v;
                            else
                                delete m.faultFlags;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.location = $root.fleet.v1.Location.decode(r, r.size(), $undefined, q + 1, m.location);
                            m._location = "location";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a PackTelemetry message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape} PackTelemetry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PackTelemetry.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PackTelemetry message.
             * @function verify
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PackTelemetry.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    {
                        var e = $root.fleet.v1.Header.verify(m.header, q + 1);
                        if (e)
                            return "header." + e;
                    }
                }
                if (m.socPct != null && $Object.hasOwnProperty.call(m, "socPct")) {
                    if (typeof m.socPct !== "number")
                        return "socPct: number expected";
                }
                if (m.voltageMv != null && $Object.hasOwnProperty.call(m, "voltageMv")) {
                    if (!$util.isInteger(m.voltageMv))
                        return "voltageMv: integer expected";
                }
                if (m.currentMa != null && $Object.hasOwnProperty.call(m, "currentMa")) {
                    if (!$util.isInteger(m.currentMa))
                        return "currentMa: integer expected";
                }
                if (m.tempC != null && $Object.hasOwnProperty.call(m, "tempC")) {
                    if (typeof m.tempC !== "number")
                        return "tempC: number expected";
                }
                if (m.cycles != null && $Object.hasOwnProperty.call(m, "cycles")) {
                    if (!$util.isInteger(m.cycles))
                        return "cycles: integer expected";
                }
                if (m.sohPct != null && $Object.hasOwnProperty.call(m, "sohPct")) {
                    if (typeof m.sohPct !== "number")
                        return "sohPct: number expected";
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (typeof m.state !== "number" || (m.state | 0) !== m.state)
                        return "state: enum value expected";
                }
                if (m.faultFlags != null && $Object.hasOwnProperty.call(m, "faultFlags")) {
                    if (!$util.isInteger(m.faultFlags))
                        return "faultFlags: integer expected";
                }
                if (m.location != null && $Object.hasOwnProperty.call(m, "location")) {
                    p._location = 1;
                    {
                        var e = $root.fleet.v1.Location.verify(m.location, q + 1);
                        if (e)
                            return "location." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a PackTelemetry message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.PackTelemetry} PackTelemetry
             */
            PackTelemetry.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.PackTelemetry)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.PackTelemetry: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.PackTelemetry();
                if (d.header != null) {
                    if (!$util.isObject(d.header))
                        throw $TypeError(".fleet.v1.PackTelemetry.header: object expected");
                    m.header = $root.fleet.v1.Header.fromObject(d.header, q + 1);
                }
                if (d.socPct != null) {
                    if (!$Object.is($Number(d.socPct), 0)) {
                        m.socPct = $Number(d.socPct);
                    }
                }
                if (d.voltageMv != null) {
                    if ($Number(d.voltageMv) !== 0) {
                        m.voltageMv = d.voltageMv >>> 0;
                    }
                }
                if (d.currentMa != null) {
                    if ($Number(d.currentMa) !== 0) {
                        m.currentMa = d.currentMa | 0;
                    }
                }
                if (d.tempC != null) {
                    if (!$Object.is($Number(d.tempC), 0)) {
                        m.tempC = $Number(d.tempC);
                    }
                }
                if (d.cycles != null) {
                    if ($Number(d.cycles) !== 0) {
                        m.cycles = d.cycles >>> 0;
                    }
                }
                if (d.sohPct != null) {
                    if (!$Object.is($Number(d.sohPct), 0)) {
                        m.sohPct = $Number(d.sohPct);
                    }
                }
                if (d.state !== 0 && (typeof d.state !== "string" || $root.fleet.v1.PackState[d.state] !== 0)) {
                    switch (d.state) {
                    case "PACK_STATE_UNSPECIFIED":
                    case 0:
                        m.state = 0;
                        break;
                    case "PACK_STATE_IDLE":
                    case 1:
                        m.state = 1;
                        break;
                    case "PACK_STATE_DISCHARGING":
                    case 2:
                        m.state = 2;
                        break;
                    case "PACK_STATE_CHARGING":
                    case 3:
                        m.state = 3;
                        break;
                    case "PACK_STATE_FULL":
                    case 4:
                        m.state = 4;
                        break;
                    case "PACK_STATE_FAULT":
                    case 5:
                        m.state = 5;
                        break;
                    case "PACK_STATE_SLEEP":
                    case 6:
                        m.state = 6;
                        break;
                    default:
                        if (typeof d.state === "number" && (d.state | 0) === d.state)
                            m.state = d.state;
                    }
                }
                if (d.faultFlags != null) {
                    if ($Number(d.faultFlags) !== 0) {
                        m.faultFlags = d.faultFlags >>> 0;
                    }
                }
                if (d.location != null) {
                    if (!$util.isObject(d.location))
                        throw $TypeError(".fleet.v1.PackTelemetry.location: object expected");
                    m.location = $root.fleet.v1.Location.fromObject(d.location, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a PackTelemetry message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {fleet.v1.PackTelemetry} m PackTelemetry
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PackTelemetry.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.header = null;
                    d.socPct = 0;
                    d.voltageMv = 0;
                    d.currentMa = 0;
                    d.tempC = 0;
                    d.cycles = 0;
                    d.sohPct = 0;
                    d.state = o.enums === $String ? "PACK_STATE_UNSPECIFIED" : 0;
                    d.faultFlags = 0;
                }
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    d.header = $root.fleet.v1.Header.toObject(m.header, o, q + 1);
                }
                if (m.socPct != null && $Object.hasOwnProperty.call(m, "socPct")) {
                    d.socPct = o.json && !$isFinite(m.socPct) ? $String(m.socPct) : m.socPct;
                }
                if (m.voltageMv != null && $Object.hasOwnProperty.call(m, "voltageMv")) {
                    d.voltageMv = m.voltageMv;
                }
                if (m.currentMa != null && $Object.hasOwnProperty.call(m, "currentMa")) {
                    d.currentMa = m.currentMa;
                }
                if (m.tempC != null && $Object.hasOwnProperty.call(m, "tempC")) {
                    d.tempC = o.json && !$isFinite(m.tempC) ? $String(m.tempC) : m.tempC;
                }
                if (m.cycles != null && $Object.hasOwnProperty.call(m, "cycles")) {
                    d.cycles = m.cycles;
                }
                if (m.sohPct != null && $Object.hasOwnProperty.call(m, "sohPct")) {
                    d.sohPct = o.json && !$isFinite(m.sohPct) ? $String(m.sohPct) : m.sohPct;
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = o.enums === $String ? $root.fleet.v1.PackState[m.state] === $undefined ? m.state : $root.fleet.v1.PackState[m.state] : m.state;
                }
                if (m.faultFlags != null && $Object.hasOwnProperty.call(m, "faultFlags")) {
                    d.faultFlags = m.faultFlags;
                }
                if (m.location != null && $Object.hasOwnProperty.call(m, "location")) {
                    d.location = $root.fleet.v1.Location.toObject(m.location, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this PackTelemetry to JSON.
             * @function toJSON
             * @memberof fleet.v1.PackTelemetry
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PackTelemetry.prototype.toJSON = function() {
                return PackTelemetry.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PackTelemetry
             * @function getTypeUrl
             * @memberof fleet.v1.PackTelemetry
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PackTelemetry.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.PackTelemetry";
            };

            return PackTelemetry;
        })();

        v1.SwapRequest = (function() {

            /**
             * Properties of a SwapRequest.
             * @typedef {Object} fleet.v1.SwapRequest.$Properties
             * @property {fleet.v1.Header.$Properties|null} [header] SwapRequest header
             * @property {string|null} [requestId] SwapRequest requestId
             * @property {string|null} [customerToken] SwapRequest customerToken
             * @property {string|null} [returnedPackId] SwapRequest returnedPackId
             * @property {number|null} [returnedSlot] SwapRequest returnedSlot
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SwapRequest.
             * @memberof fleet.v1
             * @interface ISwapRequest
             * @augments fleet.v1.SwapRequest.$Properties
             * @deprecated Use fleet.v1.SwapRequest.$Properties instead.
             */

            /**
             * Shape of a SwapRequest.
             * @typedef {fleet.v1.SwapRequest.$Properties} fleet.v1.SwapRequest.$Shape
             */

            /**
             * Constructs a new SwapRequest.
             * @memberof fleet.v1
             * @classdesc Represents a SwapRequest.
             * @constructor
             * @param {fleet.v1.SwapRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SwapRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SwapRequest header.
             * @member {fleet.v1.Header.$Properties|null|undefined} header
             * @memberof fleet.v1.SwapRequest
             * @instance
             */
            SwapRequest.prototype.header = null;

            /**
             * SwapRequest requestId.
             * @member {string} requestId
             * @memberof fleet.v1.SwapRequest
             * @instance
             */
            SwapRequest.prototype.requestId = "";

            /**
             * SwapRequest customerToken.
             * @member {string} customerToken
             * @memberof fleet.v1.SwapRequest
             * @instance
             */
            SwapRequest.prototype.customerToken = "";

            /**
             * SwapRequest returnedPackId.
             * @member {string} returnedPackId
             * @memberof fleet.v1.SwapRequest
             * @instance
             */
            SwapRequest.prototype.returnedPackId = "";

            /**
             * SwapRequest returnedSlot.
             * @member {number|null|undefined} returnedSlot
             * @memberof fleet.v1.SwapRequest
             * @instance
             */
            SwapRequest.prototype.returnedSlot = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SwapRequest.prototype, "_returnedSlot", {
                get: $util.oneOfGetter($oneOfFields = ["returnedSlot"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SwapRequest instance using the specified properties.
             * @function create
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {fleet.v1.SwapRequest.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.SwapRequest} SwapRequest instance
             * @type {{
             *   (properties: fleet.v1.SwapRequest.$Shape): fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape;
             *   (properties?: fleet.v1.SwapRequest.$Properties): fleet.v1.SwapRequest;
             * }}
             */
            SwapRequest.create = function(properties) {
                return new SwapRequest(properties);
            };

            /**
             * Encodes the specified SwapRequest message. Does not implicitly {@link fleet.v1.SwapRequest.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {fleet.v1.SwapRequest.$Properties} m SwapRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.header != null && $Object.hasOwnProperty.call(m, "header"))
                    $root.fleet.v1.Header.encode(m.header, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.requestId);
                if (m.customerToken != null && $Object.hasOwnProperty.call(m, "customerToken") && m.customerToken !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.customerToken);
                if (m.returnedPackId != null && $Object.hasOwnProperty.call(m, "returnedPackId") && m.returnedPackId !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.returnedPackId);
                if (m.returnedSlot != null && $Object.hasOwnProperty.call(m, "returnedSlot"))
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.returnedSlot);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SwapRequest message, length delimited. Does not implicitly {@link fleet.v1.SwapRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {fleet.v1.SwapRequest.$Properties} message SwapRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SwapRequest message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape} SwapRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.SwapRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.header = $root.fleet.v1.Header.decode(r, r.size(), $undefined, q + 1, m.header);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.customerToken = v;
                            else
                                delete m.customerToken;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.returnedPackId = v;
                            else
                                delete m.returnedPackId;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            m.returnedSlot = r.uint32();
                            m._returnedSlot = "returnedSlot";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SwapRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape} SwapRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SwapRequest message.
             * @function verify
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SwapRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    {
                        var e = $root.fleet.v1.Header.verify(m.header, q + 1);
                        if (e)
                            return "header." + e;
                    }
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    if (!$util.isString(m.requestId))
                        return "requestId: string expected";
                }
                if (m.customerToken != null && $Object.hasOwnProperty.call(m, "customerToken")) {
                    if (!$util.isString(m.customerToken))
                        return "customerToken: string expected";
                }
                if (m.returnedPackId != null && $Object.hasOwnProperty.call(m, "returnedPackId")) {
                    if (!$util.isString(m.returnedPackId))
                        return "returnedPackId: string expected";
                }
                if (m.returnedSlot != null && $Object.hasOwnProperty.call(m, "returnedSlot")) {
                    p._returnedSlot = 1;
                    if (!$util.isInteger(m.returnedSlot))
                        return "returnedSlot: integer expected";
                }
                return null;
            };

            /**
             * Creates a SwapRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.SwapRequest} SwapRequest
             */
            SwapRequest.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.SwapRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.SwapRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.SwapRequest();
                if (d.header != null) {
                    if (!$util.isObject(d.header))
                        throw $TypeError(".fleet.v1.SwapRequest.header: object expected");
                    m.header = $root.fleet.v1.Header.fromObject(d.header, q + 1);
                }
                if (d.requestId != null) {
                    if (typeof d.requestId !== "string" || d.requestId.length) {
                        m.requestId = $String(d.requestId);
                    }
                }
                if (d.customerToken != null) {
                    if (typeof d.customerToken !== "string" || d.customerToken.length) {
                        m.customerToken = $String(d.customerToken);
                    }
                }
                if (d.returnedPackId != null) {
                    if (typeof d.returnedPackId !== "string" || d.returnedPackId.length) {
                        m.returnedPackId = $String(d.returnedPackId);
                    }
                }
                if (d.returnedSlot != null) {
                    m.returnedSlot = d.returnedSlot >>> 0;
                }
                return m;
            };

            /**
             * Creates a plain object from a SwapRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {fleet.v1.SwapRequest} m SwapRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SwapRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.header = null;
                    d.requestId = "";
                    d.customerToken = "";
                    d.returnedPackId = "";
                }
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    d.header = $root.fleet.v1.Header.toObject(m.header, o, q + 1);
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.customerToken != null && $Object.hasOwnProperty.call(m, "customerToken")) {
                    d.customerToken = m.customerToken;
                }
                if (m.returnedPackId != null && $Object.hasOwnProperty.call(m, "returnedPackId")) {
                    d.returnedPackId = m.returnedPackId;
                }
                if (m.returnedSlot != null && $Object.hasOwnProperty.call(m, "returnedSlot")) {
                    d.returnedSlot = m.returnedSlot;
                }
                return d;
            };

            /**
             * Converts this SwapRequest to JSON.
             * @function toJSON
             * @memberof fleet.v1.SwapRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SwapRequest.prototype.toJSON = function() {
                return SwapRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SwapRequest
             * @function getTypeUrl
             * @memberof fleet.v1.SwapRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SwapRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.SwapRequest";
            };

            return SwapRequest;
        })();

        /**
         * SwapReason enum.
         * @name fleet.v1.SwapReason
         * @enum {number}
         * @property {number} SWAP_REASON_UNSPECIFIED=0 SWAP_REASON_UNSPECIFIED value
         * @property {number} SWAP_REASON_CUSTOMER_UNKNOWN=1 SWAP_REASON_CUSTOMER_UNKNOWN value
         * @property {number} SWAP_REASON_CUSTOMER_SUSPENDED=2 SWAP_REASON_CUSTOMER_SUSPENDED value
         * @property {number} SWAP_REASON_NO_ACTIVE_PLAN=3 SWAP_REASON_NO_ACTIVE_PLAN value
         * @property {number} SWAP_REASON_FAIR_USE_EXCEEDED=4 SWAP_REASON_FAIR_USE_EXCEEDED value
         * @property {number} SWAP_REASON_PACK_NOT_IN_CUSTODY=5 SWAP_REASON_PACK_NOT_IN_CUSTODY value
         * @property {number} SWAP_REASON_PACK_REPORTED_LOST=6 SWAP_REASON_PACK_REPORTED_LOST value
         * @property {number} SWAP_REASON_KIOSK_OFFLINE=7 SWAP_REASON_KIOSK_OFFLINE value
         * @property {number} SWAP_REASON_KIOSK_FAULT=8 SWAP_REASON_KIOSK_FAULT value
         * @property {number} SWAP_REASON_NO_READY_PACK=9 SWAP_REASON_NO_READY_PACK value
         * @property {number} SWAP_REASON_RETURNED_PACK_RECALLED=10 SWAP_REASON_RETURNED_PACK_RECALLED value
         * @property {number} SWAP_REASON_RETURNED_PACK_UNSAFE=11 SWAP_REASON_RETURNED_PACK_UNSAFE value
         * @property {number} SWAP_REASON_BAD_REQUEST=12 SWAP_REASON_BAD_REQUEST value
         * @property {number} SWAP_REASON_KIOSK_NOT_REPORTED=13 SWAP_REASON_KIOSK_NOT_REPORTED value
         * @property {number} SWAP_REASON_PACK_LIMIT_REACHED=14 SWAP_REASON_PACK_LIMIT_REACHED value
         * @property {number} SWAP_REASON_KIOSK_THROTTLED=15 SWAP_REASON_KIOSK_THROTTLED value
         */
        v1.SwapReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SWAP_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SWAP_REASON_CUSTOMER_UNKNOWN"] = 1;
            values[valuesById[2] = "SWAP_REASON_CUSTOMER_SUSPENDED"] = 2;
            values[valuesById[3] = "SWAP_REASON_NO_ACTIVE_PLAN"] = 3;
            values[valuesById[4] = "SWAP_REASON_FAIR_USE_EXCEEDED"] = 4;
            values[valuesById[5] = "SWAP_REASON_PACK_NOT_IN_CUSTODY"] = 5;
            values[valuesById[6] = "SWAP_REASON_PACK_REPORTED_LOST"] = 6;
            values[valuesById[7] = "SWAP_REASON_KIOSK_OFFLINE"] = 7;
            values[valuesById[8] = "SWAP_REASON_KIOSK_FAULT"] = 8;
            values[valuesById[9] = "SWAP_REASON_NO_READY_PACK"] = 9;
            values[valuesById[10] = "SWAP_REASON_RETURNED_PACK_RECALLED"] = 10;
            values[valuesById[11] = "SWAP_REASON_RETURNED_PACK_UNSAFE"] = 11;
            values[valuesById[12] = "SWAP_REASON_BAD_REQUEST"] = 12;
            values[valuesById[13] = "SWAP_REASON_KIOSK_NOT_REPORTED"] = 13;
            values[valuesById[14] = "SWAP_REASON_PACK_LIMIT_REACHED"] = 14;
            values[valuesById[15] = "SWAP_REASON_KIOSK_THROTTLED"] = 15;
            return values;
        })();

        v1.SwapDecision = (function() {

            /**
             * Properties of a SwapDecision.
             * @typedef {Object} fleet.v1.SwapDecision.$Properties
             * @property {string|null} [requestId] SwapDecision requestId
             * @property {boolean|null} [allowed] SwapDecision allowed
             * @property {Array.<fleet.v1.SwapReason>|null} [reasons] SwapDecision reasons
             * @property {number|null} [slot] SwapDecision slot
             * @property {string|null} [packId] SwapDecision packId
             * @property {string|null} [commandId] SwapDecision commandId
             * @property {number|Long|null} [expiresAtMs] SwapDecision expiresAtMs
             * @property {string|null} [message] SwapDecision message
             * @property {number|Long|null} [decidedAtMs] SwapDecision decidedAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SwapDecision.
             * @memberof fleet.v1
             * @interface ISwapDecision
             * @augments fleet.v1.SwapDecision.$Properties
             * @deprecated Use fleet.v1.SwapDecision.$Properties instead.
             */

            /**
             * Shape of a SwapDecision.
             * @typedef {fleet.v1.SwapDecision.$Properties} fleet.v1.SwapDecision.$Shape
             */

            /**
             * Constructs a new SwapDecision.
             * @memberof fleet.v1
             * @classdesc Represents a SwapDecision.
             * @constructor
             * @param {fleet.v1.SwapDecision.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SwapDecision = function (p) {
                this.reasons = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SwapDecision requestId.
             * @member {string} requestId
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.requestId = "";

            /**
             * SwapDecision allowed.
             * @member {boolean} allowed
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.allowed = false;

            /**
             * SwapDecision reasons.
             * @member {Array.<fleet.v1.SwapReason>} reasons
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.reasons = $util.emptyArray;

            /**
             * SwapDecision slot.
             * @member {number} slot
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.slot = 0;

            /**
             * SwapDecision packId.
             * @member {string} packId
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.packId = "";

            /**
             * SwapDecision commandId.
             * @member {string} commandId
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.commandId = "";

            /**
             * SwapDecision expiresAtMs.
             * @member {number|Long} expiresAtMs
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SwapDecision message.
             * @member {string} message
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.message = "";

            /**
             * SwapDecision decidedAtMs.
             * @member {number|Long} decidedAtMs
             * @memberof fleet.v1.SwapDecision
             * @instance
             */
            SwapDecision.prototype.decidedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new SwapDecision instance using the specified properties.
             * @function create
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {fleet.v1.SwapDecision.$Properties=} [properties] Properties to set
             * @returns {fleet.v1.SwapDecision} SwapDecision instance
             * @type {{
             *   (properties: fleet.v1.SwapDecision.$Shape): fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape;
             *   (properties?: fleet.v1.SwapDecision.$Properties): fleet.v1.SwapDecision;
             * }}
             */
            SwapDecision.create = function(properties) {
                return new SwapDecision(properties);
            };

            /**
             * Encodes the specified SwapDecision message. Does not implicitly {@link fleet.v1.SwapDecision.verify|verify} messages.
             * @function encode
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {fleet.v1.SwapDecision.$Properties} m SwapDecision message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapDecision.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.requestId);
                if (m.allowed != null && $Object.hasOwnProperty.call(m, "allowed") && m.allowed !== false)
                    w.uint32(/* id 2, wireType 0 =*/16).bool(m.allowed);
                if (m.reasons != null && m.reasons.length) {
                    w.uint32(/* id 3, wireType 2 =*/26).int32s(m.reasons);
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.slot);
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId") && m.packId !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.packId);
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId") && m.commandId !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.commandId);
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs") && (typeof m.expiresAtMs === "object" ? m.expiresAtMs.low || m.expiresAtMs.high : m.expiresAtMs !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.expiresAtMs);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.message);
                if (m.decidedAtMs != null && $Object.hasOwnProperty.call(m, "decidedAtMs") && (typeof m.decidedAtMs === "object" ? m.decidedAtMs.low || m.decidedAtMs.high : m.decidedAtMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).int64(m.decidedAtMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SwapDecision message, length delimited. Does not implicitly {@link fleet.v1.SwapDecision.verify|verify} messages.
             * @function encodeDelimited
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {fleet.v1.SwapDecision.$Properties} message SwapDecision message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapDecision.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SwapDecision message from the specified reader or buffer.
             * @function decode
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape} SwapDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapDecision.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.fleet.v1.SwapDecision();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.allowed = v;
                            else
                                delete m.allowed;
                            continue;
                        }
                    case 3: {
                            if (u === 2) {
                                if (!(m.reasons && m.reasons.length))
                                    m.reasons = [];
                                r.int32s(m.reasons);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.reasons && m.reasons.length))
                                m.reasons = [];
                            m.reasons.push(r.int32());
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.slot = v;
                            else
                                delete m.slot;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.packId = v;
                            else
                                delete m.packId;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.commandId = v;
                            else
                                delete m.commandId;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.expiresAtMs = v;
                            else
                                delete m.expiresAtMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.decidedAtMs = v;
                            else
                                delete m.decidedAtMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SwapDecision message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape} SwapDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapDecision.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SwapDecision message.
             * @function verify
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SwapDecision.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    if (!$util.isString(m.requestId))
                        return "requestId: string expected";
                }
                if (m.allowed != null && $Object.hasOwnProperty.call(m, "allowed")) {
                    if (typeof m.allowed !== "boolean")
                        return "allowed: boolean expected";
                }
                if (m.reasons != null && $Object.hasOwnProperty.call(m, "reasons")) {
                    if (!$Array.isArray(m.reasons))
                        return "reasons: array expected";
                    for (var i = 0; i < m.reasons.length; ++i) {
                        if (typeof m.reasons[i] !== "number" || (m.reasons[i] | 0) !== m.reasons[i])
                            return "reasons: enum value[] expected";
                    }
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    if (!$util.isInteger(m.slot))
                        return "slot: integer expected";
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    if (!$util.isString(m.packId))
                        return "packId: string expected";
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    if (!$util.isString(m.commandId))
                        return "commandId: string expected";
                }
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs")) {
                    if (!$util.isInteger(m.expiresAtMs) && !(m.expiresAtMs && $util.isInteger(m.expiresAtMs.low) && $util.isInteger(m.expiresAtMs.high)))
                        return "expiresAtMs: integer|Long expected";
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    if (!$util.isString(m.message))
                        return "message: string expected";
                }
                if (m.decidedAtMs != null && $Object.hasOwnProperty.call(m, "decidedAtMs")) {
                    if (!$util.isInteger(m.decidedAtMs) && !(m.decidedAtMs && $util.isInteger(m.decidedAtMs.low) && $util.isInteger(m.decidedAtMs.high)))
                        return "decidedAtMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a SwapDecision message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {fleet.v1.SwapDecision} SwapDecision
             */
            SwapDecision.fromObject = function (d, q) {
                if (d instanceof $root.fleet.v1.SwapDecision)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".fleet.v1.SwapDecision: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.fleet.v1.SwapDecision();
                if (d.requestId != null) {
                    if (typeof d.requestId !== "string" || d.requestId.length) {
                        m.requestId = $String(d.requestId);
                    }
                }
                if (d.allowed != null) {
                    if (d.allowed) {
                        m.allowed = $Boolean(d.allowed);
                    }
                }
                if (d.reasons) {
                    if (!$Array.isArray(d.reasons))
                        throw $TypeError(".fleet.v1.SwapDecision.reasons: array expected");
                    m.reasons = [];
                    for (var i = 0; i < d.reasons.length; ++i) {
                        switch (d.reasons[i]) {
                        case "SWAP_REASON_UNSPECIFIED":
                        case 0:
                            m.reasons[m.reasons.length] = 0;
                            break;
                        case "SWAP_REASON_CUSTOMER_UNKNOWN":
                        case 1:
                            m.reasons[m.reasons.length] = 1;
                            break;
                        case "SWAP_REASON_CUSTOMER_SUSPENDED":
                        case 2:
                            m.reasons[m.reasons.length] = 2;
                            break;
                        case "SWAP_REASON_NO_ACTIVE_PLAN":
                        case 3:
                            m.reasons[m.reasons.length] = 3;
                            break;
                        case "SWAP_REASON_FAIR_USE_EXCEEDED":
                        case 4:
                            m.reasons[m.reasons.length] = 4;
                            break;
                        case "SWAP_REASON_PACK_NOT_IN_CUSTODY":
                        case 5:
                            m.reasons[m.reasons.length] = 5;
                            break;
                        case "SWAP_REASON_PACK_REPORTED_LOST":
                        case 6:
                            m.reasons[m.reasons.length] = 6;
                            break;
                        case "SWAP_REASON_KIOSK_OFFLINE":
                        case 7:
                            m.reasons[m.reasons.length] = 7;
                            break;
                        case "SWAP_REASON_KIOSK_FAULT":
                        case 8:
                            m.reasons[m.reasons.length] = 8;
                            break;
                        case "SWAP_REASON_NO_READY_PACK":
                        case 9:
                            m.reasons[m.reasons.length] = 9;
                            break;
                        case "SWAP_REASON_RETURNED_PACK_RECALLED":
                        case 10:
                            m.reasons[m.reasons.length] = 10;
                            break;
                        case "SWAP_REASON_RETURNED_PACK_UNSAFE":
                        case 11:
                            m.reasons[m.reasons.length] = 11;
                            break;
                        case "SWAP_REASON_BAD_REQUEST":
                        case 12:
                            m.reasons[m.reasons.length] = 12;
                            break;
                        case "SWAP_REASON_KIOSK_NOT_REPORTED":
                        case 13:
                            m.reasons[m.reasons.length] = 13;
                            break;
                        case "SWAP_REASON_PACK_LIMIT_REACHED":
                        case 14:
                            m.reasons[m.reasons.length] = 14;
                            break;
                        case "SWAP_REASON_KIOSK_THROTTLED":
                        case 15:
                            m.reasons[m.reasons.length] = 15;
                            break;
                        default:
                            if (typeof d.reasons[i] === "number" && (d.reasons[i] | 0) === d.reasons[i])
                                m.reasons[m.reasons.length] = d.reasons[i];
                        }
                    }
                }
                if (d.slot != null) {
                    if ($Number(d.slot) !== 0) {
                        m.slot = d.slot >>> 0;
                    }
                }
                if (d.packId != null) {
                    if (typeof d.packId !== "string" || d.packId.length) {
                        m.packId = $String(d.packId);
                    }
                }
                if (d.commandId != null) {
                    if (typeof d.commandId !== "string" || d.commandId.length) {
                        m.commandId = $String(d.commandId);
                    }
                }
                if (d.expiresAtMs != null) {
                    if (typeof d.expiresAtMs === "object" ? d.expiresAtMs.low || d.expiresAtMs.high : $Number(d.expiresAtMs) !== 0) {
                        if ($util.Long)
                            m.expiresAtMs = $util.Long.fromValue(d.expiresAtMs, false);
                        else if (typeof d.expiresAtMs === "string")
                            m.expiresAtMs = $parseInt(d.expiresAtMs, 10);
                        else if (typeof d.expiresAtMs === "number")
                            m.expiresAtMs = d.expiresAtMs;
                        else if (typeof d.expiresAtMs === "object")
                            m.expiresAtMs = new $util.LongBits(d.expiresAtMs.low >>> 0, d.expiresAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                if (d.decidedAtMs != null) {
                    if (typeof d.decidedAtMs === "object" ? d.decidedAtMs.low || d.decidedAtMs.high : $Number(d.decidedAtMs) !== 0) {
                        if ($util.Long)
                            m.decidedAtMs = $util.Long.fromValue(d.decidedAtMs, false);
                        else if (typeof d.decidedAtMs === "string")
                            m.decidedAtMs = $parseInt(d.decidedAtMs, 10);
                        else if (typeof d.decidedAtMs === "number")
                            m.decidedAtMs = d.decidedAtMs;
                        else if (typeof d.decidedAtMs === "object")
                            m.decidedAtMs = new $util.LongBits(d.decidedAtMs.low >>> 0, d.decidedAtMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SwapDecision message. Also converts values to other types if specified.
             * @function toObject
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {fleet.v1.SwapDecision} m SwapDecision
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SwapDecision.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.reasons = [];
                }
                if (o.defaults) {
                    d.requestId = "";
                    d.allowed = false;
                    d.slot = 0;
                    d.packId = "";
                    d.commandId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.expiresAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.expiresAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.message = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.decidedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.decidedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.allowed != null && $Object.hasOwnProperty.call(m, "allowed")) {
                    d.allowed = m.allowed;
                }
                if (m.reasons && m.reasons.length) {
                    d.reasons = $Array(m.reasons.length);
                    for (var j = 0; j < m.reasons.length; ++j) {
                        d.reasons[j] = o.enums === $String ? $root.fleet.v1.SwapReason[m.reasons[j]] === $undefined ? m.reasons[j] : $root.fleet.v1.SwapReason[m.reasons[j]] : m.reasons[j];
                    }
                }
                if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
                    d.slot = m.slot;
                }
                if (m.packId != null && $Object.hasOwnProperty.call(m, "packId")) {
                    d.packId = m.packId;
                }
                if (m.commandId != null && $Object.hasOwnProperty.call(m, "commandId")) {
                    d.commandId = m.commandId;
                }
                if (m.expiresAtMs != null && $Object.hasOwnProperty.call(m, "expiresAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.expiresAtMs = typeof m.expiresAtMs === "number" ? $BigInt(m.expiresAtMs) : $util.Long.fromBits(m.expiresAtMs.low >>> 0, m.expiresAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.expiresAtMs === "number")
                        d.expiresAtMs = o.longs === $String ? $String(m.expiresAtMs) : m.expiresAtMs;
                    else
                        d.expiresAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.expiresAtMs) : o.longs === $Number ? new $util.LongBits(m.expiresAtMs.low >>> 0, m.expiresAtMs.high >>> 0).toNumber() : m.expiresAtMs;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                if (m.decidedAtMs != null && $Object.hasOwnProperty.call(m, "decidedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.decidedAtMs = typeof m.decidedAtMs === "number" ? $BigInt(m.decidedAtMs) : $util.Long.fromBits(m.decidedAtMs.low >>> 0, m.decidedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.decidedAtMs === "number")
                        d.decidedAtMs = o.longs === $String ? $String(m.decidedAtMs) : m.decidedAtMs;
                    else
                        d.decidedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.decidedAtMs) : o.longs === $Number ? new $util.LongBits(m.decidedAtMs.low >>> 0, m.decidedAtMs.high >>> 0).toNumber() : m.decidedAtMs;
                }
                return d;
            };

            /**
             * Converts this SwapDecision to JSON.
             * @function toJSON
             * @memberof fleet.v1.SwapDecision
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SwapDecision.prototype.toJSON = function() {
                return SwapDecision.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SwapDecision
             * @function getTypeUrl
             * @memberof fleet.v1.SwapDecision
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SwapDecision.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/fleet.v1.SwapDecision";
            };

            return SwapDecision;
        })();

        return v1;
    })();

    return fleet;
})();

export {
  $root as default
};
