import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace fleet. */
export namespace fleet {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a ReleaseSlot.
         * @deprecated Use fleet.v1.ReleaseSlot.$Properties instead.
         */
        interface IReleaseSlot extends fleet.v1.ReleaseSlot.$Properties {
        }

        /** Represents a ReleaseSlot. */
        class ReleaseSlot {

            /**
             * Constructs a new ReleaseSlot.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.ReleaseSlot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ReleaseSlot slot. */
            slot: number;

            /** ReleaseSlot packId. */
            packId: string;

            /** ReleaseSlot requestId. */
            requestId: string;

            /**
             * Creates a new ReleaseSlot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReleaseSlot instance
             */
            static create(properties: fleet.v1.ReleaseSlot.$Shape): fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape;
            static create(properties?: fleet.v1.ReleaseSlot.$Properties): fleet.v1.ReleaseSlot;

            /**
             * Encodes the specified ReleaseSlot message. Does not implicitly {@link fleet.v1.ReleaseSlot.verify|verify} messages.
             * @param m ReleaseSlot message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.ReleaseSlot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ReleaseSlot message, length delimited. Does not implicitly {@link fleet.v1.ReleaseSlot.verify|verify} messages.
             * @param message ReleaseSlot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.ReleaseSlot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReleaseSlot message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape} ReleaseSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape;

            /**
             * Decodes a ReleaseSlot message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape} ReleaseSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.ReleaseSlot & fleet.v1.ReleaseSlot.$Shape;

            /**
             * Verifies a ReleaseSlot message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a ReleaseSlot message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ReleaseSlot
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.ReleaseSlot;

            /**
             * Creates a plain object from a ReleaseSlot message. Also converts values to other types if specified.
             * @param m ReleaseSlot
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.ReleaseSlot, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ReleaseSlot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ReleaseSlot
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReleaseSlot {

            /** Properties of a ReleaseSlot. */
            interface $Properties {

                /** ReleaseSlot slot */
                slot?: (number|null);

                /** ReleaseSlot packId */
                packId?: (string|null);

                /** ReleaseSlot requestId */
                requestId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ReleaseSlot. */
            type $Shape = fleet.v1.ReleaseSlot.$Properties;
        }

        /**
         * Properties of a LockSlot.
         * @deprecated Use fleet.v1.LockSlot.$Properties instead.
         */
        interface ILockSlot extends fleet.v1.LockSlot.$Properties {
        }

        /** Represents a LockSlot. */
        class LockSlot {

            /**
             * Constructs a new LockSlot.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.LockSlot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LockSlot slot. */
            slot: number;

            /** LockSlot reason. */
            reason: string;

            /**
             * Creates a new LockSlot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LockSlot instance
             */
            static create(properties: fleet.v1.LockSlot.$Shape): fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape;
            static create(properties?: fleet.v1.LockSlot.$Properties): fleet.v1.LockSlot;

            /**
             * Encodes the specified LockSlot message. Does not implicitly {@link fleet.v1.LockSlot.verify|verify} messages.
             * @param m LockSlot message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.LockSlot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LockSlot message, length delimited. Does not implicitly {@link fleet.v1.LockSlot.verify|verify} messages.
             * @param message LockSlot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.LockSlot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LockSlot message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape} LockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape;

            /**
             * Decodes a LockSlot message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape} LockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.LockSlot & fleet.v1.LockSlot.$Shape;

            /**
             * Verifies a LockSlot message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a LockSlot message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns LockSlot
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.LockSlot;

            /**
             * Creates a plain object from a LockSlot message. Also converts values to other types if specified.
             * @param m LockSlot
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.LockSlot, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LockSlot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LockSlot
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LockSlot {

            /** Properties of a LockSlot. */
            interface $Properties {

                /** LockSlot slot */
                slot?: (number|null);

                /** LockSlot reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LockSlot. */
            type $Shape = fleet.v1.LockSlot.$Properties;
        }

        /**
         * Properties of an UnlockSlot.
         * @deprecated Use fleet.v1.UnlockSlot.$Properties instead.
         */
        interface IUnlockSlot extends fleet.v1.UnlockSlot.$Properties {
        }

        /** Represents an UnlockSlot. */
        class UnlockSlot {

            /**
             * Constructs a new UnlockSlot.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.UnlockSlot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** UnlockSlot slot. */
            slot: number;

            /**
             * Creates a new UnlockSlot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UnlockSlot instance
             */
            static create(properties: fleet.v1.UnlockSlot.$Shape): fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape;
            static create(properties?: fleet.v1.UnlockSlot.$Properties): fleet.v1.UnlockSlot;

            /**
             * Encodes the specified UnlockSlot message. Does not implicitly {@link fleet.v1.UnlockSlot.verify|verify} messages.
             * @param m UnlockSlot message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.UnlockSlot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified UnlockSlot message, length delimited. Does not implicitly {@link fleet.v1.UnlockSlot.verify|verify} messages.
             * @param message UnlockSlot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.UnlockSlot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UnlockSlot message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape} UnlockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape;

            /**
             * Decodes an UnlockSlot message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape} UnlockSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.UnlockSlot & fleet.v1.UnlockSlot.$Shape;

            /**
             * Verifies an UnlockSlot message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an UnlockSlot message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns UnlockSlot
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.UnlockSlot;

            /**
             * Creates a plain object from an UnlockSlot message. Also converts values to other types if specified.
             * @param m UnlockSlot
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.UnlockSlot, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UnlockSlot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for UnlockSlot
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace UnlockSlot {

            /** Properties of an UnlockSlot. */
            interface $Properties {

                /** UnlockSlot slot */
                slot?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UnlockSlot. */
            type $Shape = fleet.v1.UnlockSlot.$Properties;
        }

        /**
         * Properties of a DisplayText.
         * @deprecated Use fleet.v1.DisplayText.$Properties instead.
         */
        interface IDisplayText extends fleet.v1.DisplayText.$Properties {
        }

        /** Represents a DisplayText. */
        class DisplayText {

            /**
             * Constructs a new DisplayText.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.DisplayText.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DisplayText text. */
            text: string;

            /** DisplayText seconds. */
            seconds: number;

            /**
             * Creates a new DisplayText instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DisplayText instance
             */
            static create(properties: fleet.v1.DisplayText.$Shape): fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape;
            static create(properties?: fleet.v1.DisplayText.$Properties): fleet.v1.DisplayText;

            /**
             * Encodes the specified DisplayText message. Does not implicitly {@link fleet.v1.DisplayText.verify|verify} messages.
             * @param m DisplayText message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.DisplayText.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DisplayText message, length delimited. Does not implicitly {@link fleet.v1.DisplayText.verify|verify} messages.
             * @param message DisplayText message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.DisplayText.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DisplayText message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape} DisplayText
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape;

            /**
             * Decodes a DisplayText message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape} DisplayText
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.DisplayText & fleet.v1.DisplayText.$Shape;

            /**
             * Verifies a DisplayText message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a DisplayText message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns DisplayText
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.DisplayText;

            /**
             * Creates a plain object from a DisplayText message. Also converts values to other types if specified.
             * @param m DisplayText
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.DisplayText, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DisplayText to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DisplayText
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DisplayText {

            /** Properties of a DisplayText. */
            interface $Properties {

                /** DisplayText text */
                text?: (string|null);

                /** DisplayText seconds */
                seconds?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DisplayText. */
            type $Shape = fleet.v1.DisplayText.$Properties;
        }

        /**
         * Properties of a Reboot.
         * @deprecated Use fleet.v1.Reboot.$Properties instead.
         */
        interface IReboot extends fleet.v1.Reboot.$Properties {
        }

        /** Represents a Reboot. */
        class Reboot {

            /**
             * Constructs a new Reboot.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.Reboot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new Reboot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Reboot instance
             */
            static create(properties: fleet.v1.Reboot.$Shape): fleet.v1.Reboot & fleet.v1.Reboot.$Shape;
            static create(properties?: fleet.v1.Reboot.$Properties): fleet.v1.Reboot;

            /**
             * Encodes the specified Reboot message. Does not implicitly {@link fleet.v1.Reboot.verify|verify} messages.
             * @param m Reboot message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.Reboot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Reboot message, length delimited. Does not implicitly {@link fleet.v1.Reboot.verify|verify} messages.
             * @param message Reboot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.Reboot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Reboot message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.Reboot & fleet.v1.Reboot.$Shape} Reboot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.Reboot & fleet.v1.Reboot.$Shape;

            /**
             * Decodes a Reboot message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.Reboot & fleet.v1.Reboot.$Shape} Reboot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.Reboot & fleet.v1.Reboot.$Shape;

            /**
             * Verifies a Reboot message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Reboot message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Reboot
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.Reboot;

            /**
             * Creates a plain object from a Reboot message. Also converts values to other types if specified.
             * @param m Reboot
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.Reboot, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Reboot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Reboot
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Reboot {

            /** Properties of a Reboot. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Reboot. */
            type $Shape = fleet.v1.Reboot.$Properties;
        }

        /**
         * Properties of a KioskCommand.
         * @deprecated Use fleet.v1.KioskCommand.$Properties instead.
         */
        interface IKioskCommand extends fleet.v1.KioskCommand.$Properties {
        }

        /** Represents a KioskCommand. */
        class KioskCommand {

            /**
             * Constructs a new KioskCommand.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.KioskCommand.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KioskCommand commandId. */
            commandId: string;

            /** KioskCommand issuedAtMs. */
            issuedAtMs: (number|Long);

            /** KioskCommand expiresAtMs. */
            expiresAtMs: (number|Long);

            /** KioskCommand release. */
            release?: (fleet.v1.ReleaseSlot.$Properties|null);

            /** KioskCommand lock. */
            lock?: (fleet.v1.LockSlot.$Properties|null);

            /** KioskCommand unlock. */
            unlock?: (fleet.v1.UnlockSlot.$Properties|null);

            /** KioskCommand display. */
            display?: (fleet.v1.DisplayText.$Properties|null);

            /** KioskCommand reboot. */
            reboot?: (fleet.v1.Reboot.$Properties|null);

            /** KioskCommand action. */
            action?: ("release"|"lock"|"unlock"|"display"|"reboot");

            /**
             * Creates a new KioskCommand instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KioskCommand instance
             */
            static create(properties: fleet.v1.KioskCommand.$Shape): fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape;
            static create(properties?: fleet.v1.KioskCommand.$Properties): fleet.v1.KioskCommand;

            /**
             * Encodes the specified KioskCommand message. Does not implicitly {@link fleet.v1.KioskCommand.verify|verify} messages.
             * @param m KioskCommand message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.KioskCommand.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified KioskCommand message, length delimited. Does not implicitly {@link fleet.v1.KioskCommand.verify|verify} messages.
             * @param message KioskCommand message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.KioskCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KioskCommand message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape} KioskCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape;

            /**
             * Decodes a KioskCommand message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape} KioskCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.KioskCommand & fleet.v1.KioskCommand.$Shape;

            /**
             * Verifies a KioskCommand message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a KioskCommand message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns KioskCommand
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.KioskCommand;

            /**
             * Creates a plain object from a KioskCommand message. Also converts values to other types if specified.
             * @param m KioskCommand
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.KioskCommand, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KioskCommand to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for KioskCommand
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace KioskCommand {

            /** Properties of a KioskCommand. */
            interface $Properties {

                /** KioskCommand commandId */
                commandId?: (string|null);

                /** KioskCommand issuedAtMs */
                issuedAtMs?: (number|Long|null);

                /** KioskCommand expiresAtMs */
                expiresAtMs?: (number|Long|null);

                /** KioskCommand release */
                release?: (fleet.v1.ReleaseSlot.$Properties|null);

                /** KioskCommand lock */
                lock?: (fleet.v1.LockSlot.$Properties|null);

                /** KioskCommand unlock */
                unlock?: (fleet.v1.UnlockSlot.$Properties|null);

                /** KioskCommand display */
                display?: (fleet.v1.DisplayText.$Properties|null);

                /** KioskCommand reboot */
                reboot?: (fleet.v1.Reboot.$Properties|null);

                /** KioskCommand action */
                action?: ("release"|"lock"|"unlock"|"display"|"reboot");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a KioskCommand. */
            type $Shape = {
              commandId?: string|null;
              issuedAtMs?: number|Long|null;
              expiresAtMs?: number|Long|null;
              release?: fleet.v1.ReleaseSlot.$Shape|null;
              lock?: fleet.v1.LockSlot.$Shape|null;
              unlock?: fleet.v1.UnlockSlot.$Shape|null;
              display?: fleet.v1.DisplayText.$Shape|null;
              reboot?: fleet.v1.Reboot.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ action?: undefined; release?: null; lock?: null; unlock?: null; display?: null; reboot?: null }|{ action?: "release"; release: fleet.v1.ReleaseSlot.$Shape; lock?: null; unlock?: null; display?: null; reboot?: null }|{ action?: "lock"; release?: null; lock: fleet.v1.LockSlot.$Shape; unlock?: null; display?: null; reboot?: null }|{ action?: "unlock"; release?: null; lock?: null; unlock: fleet.v1.UnlockSlot.$Shape; display?: null; reboot?: null }|{ action?: "display"; release?: null; lock?: null; unlock?: null; display: fleet.v1.DisplayText.$Shape; reboot?: null }|{ action?: "reboot"; release?: null; lock?: null; unlock?: null; display?: null; reboot: fleet.v1.Reboot.$Shape })
            );
        }

        /**
         * Properties of a Header.
         * @deprecated Use fleet.v1.Header.$Properties instead.
         */
        interface IHeader extends fleet.v1.Header.$Properties {
        }

        /** Represents a Header. */
        class Header {

            /**
             * Constructs a new Header.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.Header.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Header bootId. */
            bootId: number;

            /** Header seq. */
            seq: (number|Long);

            /** Header sentAtMs. */
            sentAtMs: (number|Long);

            /** Header firmware. */
            firmware: string;

            /**
             * Creates a new Header instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Header instance
             */
            static create(properties: fleet.v1.Header.$Shape): fleet.v1.Header & fleet.v1.Header.$Shape;
            static create(properties?: fleet.v1.Header.$Properties): fleet.v1.Header;

            /**
             * Encodes the specified Header message. Does not implicitly {@link fleet.v1.Header.verify|verify} messages.
             * @param m Header message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.Header.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Header message, length delimited. Does not implicitly {@link fleet.v1.Header.verify|verify} messages.
             * @param message Header message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.Header.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Header message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.Header & fleet.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.Header & fleet.v1.Header.$Shape;

            /**
             * Decodes a Header message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.Header & fleet.v1.Header.$Shape} Header
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.Header & fleet.v1.Header.$Shape;

            /**
             * Verifies a Header message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Header message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Header
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.Header;

            /**
             * Creates a plain object from a Header message. Also converts values to other types if specified.
             * @param m Header
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.Header, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Header to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Header
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Header {

            /** Properties of a Header. */
            interface $Properties {

                /** Header bootId */
                bootId?: (number|null);

                /** Header seq */
                seq?: (number|Long|null);

                /** Header sentAtMs */
                sentAtMs?: (number|Long|null);

                /** Header firmware */
                firmware?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Header. */
            type $Shape = fleet.v1.Header.$Properties;
        }

        /**
         * Properties of a Location.
         * @deprecated Use fleet.v1.Location.$Properties instead.
         */
        interface ILocation extends fleet.v1.Location.$Properties {
        }

        /** Represents a Location. */
        class Location {

            /**
             * Constructs a new Location.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.Location.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Location latE7. */
            latE7: number;

            /** Location lonE7. */
            lonE7: number;

            /** Location accuracyM. */
            accuracyM: number;

            /**
             * Creates a new Location instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Location instance
             */
            static create(properties: fleet.v1.Location.$Shape): fleet.v1.Location & fleet.v1.Location.$Shape;
            static create(properties?: fleet.v1.Location.$Properties): fleet.v1.Location;

            /**
             * Encodes the specified Location message. Does not implicitly {@link fleet.v1.Location.verify|verify} messages.
             * @param m Location message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.Location.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Location message, length delimited. Does not implicitly {@link fleet.v1.Location.verify|verify} messages.
             * @param message Location message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.Location.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Location message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.Location & fleet.v1.Location.$Shape} Location
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.Location & fleet.v1.Location.$Shape;

            /**
             * Decodes a Location message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.Location & fleet.v1.Location.$Shape} Location
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.Location & fleet.v1.Location.$Shape;

            /**
             * Verifies a Location message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Location message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Location
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.Location;

            /**
             * Creates a plain object from a Location message. Also converts values to other types if specified.
             * @param m Location
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.Location, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Location to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Location
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Location {

            /** Properties of a Location. */
            interface $Properties {

                /** Location latE7 */
                latE7?: (number|null);

                /** Location lonE7 */
                lonE7?: (number|null);

                /** Location accuracyM */
                accuracyM?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Location. */
            type $Shape = fleet.v1.Location.$Properties;
        }

        /** SlotState enum. */
        enum SlotState {

            /** SLOT_STATE_UNSPECIFIED value */
            SLOT_STATE_UNSPECIFIED = 0,

            /** SLOT_STATE_EMPTY value */
            SLOT_STATE_EMPTY = 1,

            /** SLOT_STATE_CHARGING value */
            SLOT_STATE_CHARGING = 2,

            /** SLOT_STATE_READY value */
            SLOT_STATE_READY = 3,

            /** SLOT_STATE_FAULT value */
            SLOT_STATE_FAULT = 4,

            /** SLOT_STATE_LOCKED value */
            SLOT_STATE_LOCKED = 5
        }

        /**
         * Properties of a Slot.
         * @deprecated Use fleet.v1.Slot.$Properties instead.
         */
        interface ISlot extends fleet.v1.Slot.$Properties {
        }

        /** Represents a Slot. */
        class Slot {

            /**
             * Constructs a new Slot.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.Slot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Slot index. */
            index: number;

            /** Slot state. */
            state: fleet.v1.SlotState;

            /** Slot packId. */
            packId: string;

            /** Slot socPct. */
            socPct: number;

            /** Slot tempC. */
            tempC: number;

            /** Slot chargeCurrentMa. */
            chargeCurrentMa: number;

            /** Slot faultCode. */
            faultCode: number;

            /**
             * Creates a new Slot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Slot instance
             */
            static create(properties: fleet.v1.Slot.$Shape): fleet.v1.Slot & fleet.v1.Slot.$Shape;
            static create(properties?: fleet.v1.Slot.$Properties): fleet.v1.Slot;

            /**
             * Encodes the specified Slot message. Does not implicitly {@link fleet.v1.Slot.verify|verify} messages.
             * @param m Slot message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.Slot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Slot message, length delimited. Does not implicitly {@link fleet.v1.Slot.verify|verify} messages.
             * @param message Slot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.Slot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Slot message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.Slot & fleet.v1.Slot.$Shape} Slot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.Slot & fleet.v1.Slot.$Shape;

            /**
             * Decodes a Slot message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.Slot & fleet.v1.Slot.$Shape} Slot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.Slot & fleet.v1.Slot.$Shape;

            /**
             * Verifies a Slot message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Slot message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Slot
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.Slot;

            /**
             * Creates a plain object from a Slot message. Also converts values to other types if specified.
             * @param m Slot
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.Slot, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Slot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Slot
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Slot {

            /** Properties of a Slot. */
            interface $Properties {

                /** Slot index */
                index?: (number|null);

                /** Slot state */
                state?: (fleet.v1.SlotState|null);

                /** Slot packId */
                packId?: (string|null);

                /** Slot socPct */
                socPct?: (number|null);

                /** Slot tempC */
                tempC?: (number|null);

                /** Slot chargeCurrentMa */
                chargeCurrentMa?: (number|null);

                /** Slot faultCode */
                faultCode?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Slot. */
            type $Shape = fleet.v1.Slot.$Properties;
        }

        /** DoorState enum. */
        enum DoorState {

            /** DOOR_STATE_UNSPECIFIED value */
            DOOR_STATE_UNSPECIFIED = 0,

            /** DOOR_STATE_CLOSED value */
            DOOR_STATE_CLOSED = 1,

            /** DOOR_STATE_OPEN value */
            DOOR_STATE_OPEN = 2,

            /** DOOR_STATE_FORCED value */
            DOOR_STATE_FORCED = 3
        }

        /**
         * Properties of a KioskStatus.
         * @deprecated Use fleet.v1.KioskStatus.$Properties instead.
         */
        interface IKioskStatus extends fleet.v1.KioskStatus.$Properties {
        }

        /** Represents a KioskStatus. */
        class KioskStatus {

            /**
             * Constructs a new KioskStatus.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.KioskStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KioskStatus header. */
            header?: (fleet.v1.Header.$Properties|null);

            /** KioskStatus slots. */
            slots: fleet.v1.Slot.$Properties[];

            /** KioskStatus mainsPower. */
            mainsPower: boolean;

            /** KioskStatus door. */
            door: fleet.v1.DoorState;

            /** KioskStatus signalDbm. */
            signalDbm: number;

            /**
             * Creates a new KioskStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KioskStatus instance
             */
            static create(properties: fleet.v1.KioskStatus.$Shape): fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape;
            static create(properties?: fleet.v1.KioskStatus.$Properties): fleet.v1.KioskStatus;

            /**
             * Encodes the specified KioskStatus message. Does not implicitly {@link fleet.v1.KioskStatus.verify|verify} messages.
             * @param m KioskStatus message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.KioskStatus.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified KioskStatus message, length delimited. Does not implicitly {@link fleet.v1.KioskStatus.verify|verify} messages.
             * @param message KioskStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.KioskStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KioskStatus message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape} KioskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape;

            /**
             * Decodes a KioskStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape} KioskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.KioskStatus & fleet.v1.KioskStatus.$Shape;

            /**
             * Verifies a KioskStatus message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a KioskStatus message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns KioskStatus
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.KioskStatus;

            /**
             * Creates a plain object from a KioskStatus message. Also converts values to other types if specified.
             * @param m KioskStatus
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.KioskStatus, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KioskStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for KioskStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace KioskStatus {

            /** Properties of a KioskStatus. */
            interface $Properties {

                /** KioskStatus header */
                header?: (fleet.v1.Header.$Properties|null);

                /** KioskStatus slots */
                slots?: (fleet.v1.Slot.$Properties[]|null);

                /** KioskStatus mainsPower */
                mainsPower?: (boolean|null);

                /** KioskStatus door */
                door?: (fleet.v1.DoorState|null);

                /** KioskStatus signalDbm */
                signalDbm?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a KioskStatus. */
            type $Shape = fleet.v1.KioskStatus.$Properties;
        }

        /**
         * Properties of a PackInserted.
         * @deprecated Use fleet.v1.PackInserted.$Properties instead.
         */
        interface IPackInserted extends fleet.v1.PackInserted.$Properties {
        }

        /** Represents a PackInserted. */
        class PackInserted {

            /**
             * Constructs a new PackInserted.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.PackInserted.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PackInserted slot. */
            slot: number;

            /** PackInserted packId. */
            packId: string;

            /** PackInserted requestId. */
            requestId: string;

            /**
             * Creates a new PackInserted instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PackInserted instance
             */
            static create(properties: fleet.v1.PackInserted.$Shape): fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape;
            static create(properties?: fleet.v1.PackInserted.$Properties): fleet.v1.PackInserted;

            /**
             * Encodes the specified PackInserted message. Does not implicitly {@link fleet.v1.PackInserted.verify|verify} messages.
             * @param m PackInserted message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.PackInserted.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PackInserted message, length delimited. Does not implicitly {@link fleet.v1.PackInserted.verify|verify} messages.
             * @param message PackInserted message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.PackInserted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PackInserted message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape} PackInserted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape;

            /**
             * Decodes a PackInserted message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape} PackInserted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.PackInserted & fleet.v1.PackInserted.$Shape;

            /**
             * Verifies a PackInserted message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a PackInserted message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns PackInserted
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.PackInserted;

            /**
             * Creates a plain object from a PackInserted message. Also converts values to other types if specified.
             * @param m PackInserted
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.PackInserted, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PackInserted to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PackInserted
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PackInserted {

            /** Properties of a PackInserted. */
            interface $Properties {

                /** PackInserted slot */
                slot?: (number|null);

                /** PackInserted packId */
                packId?: (string|null);

                /** PackInserted requestId */
                requestId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PackInserted. */
            type $Shape = fleet.v1.PackInserted.$Properties;
        }

        /**
         * Properties of a PackReleased.
         * @deprecated Use fleet.v1.PackReleased.$Properties instead.
         */
        interface IPackReleased extends fleet.v1.PackReleased.$Properties {
        }

        /** Represents a PackReleased. */
        class PackReleased {

            /**
             * Constructs a new PackReleased.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.PackReleased.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PackReleased slot. */
            slot: number;

            /** PackReleased packId. */
            packId: string;

            /** PackReleased commandId. */
            commandId: string;

            /**
             * Creates a new PackReleased instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PackReleased instance
             */
            static create(properties: fleet.v1.PackReleased.$Shape): fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape;
            static create(properties?: fleet.v1.PackReleased.$Properties): fleet.v1.PackReleased;

            /**
             * Encodes the specified PackReleased message. Does not implicitly {@link fleet.v1.PackReleased.verify|verify} messages.
             * @param m PackReleased message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.PackReleased.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PackReleased message, length delimited. Does not implicitly {@link fleet.v1.PackReleased.verify|verify} messages.
             * @param message PackReleased message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.PackReleased.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PackReleased message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape} PackReleased
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape;

            /**
             * Decodes a PackReleased message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape} PackReleased
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.PackReleased & fleet.v1.PackReleased.$Shape;

            /**
             * Verifies a PackReleased message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a PackReleased message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns PackReleased
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.PackReleased;

            /**
             * Creates a plain object from a PackReleased message. Also converts values to other types if specified.
             * @param m PackReleased
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.PackReleased, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PackReleased to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PackReleased
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PackReleased {

            /** Properties of a PackReleased. */
            interface $Properties {

                /** PackReleased slot */
                slot?: (number|null);

                /** PackReleased packId */
                packId?: (string|null);

                /** PackReleased commandId */
                commandId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PackReleased. */
            type $Shape = fleet.v1.PackReleased.$Properties;
        }

        /**
         * Properties of a ReleaseFailed.
         * @deprecated Use fleet.v1.ReleaseFailed.$Properties instead.
         */
        interface IReleaseFailed extends fleet.v1.ReleaseFailed.$Properties {
        }

        /** Represents a ReleaseFailed. */
        class ReleaseFailed {

            /**
             * Constructs a new ReleaseFailed.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.ReleaseFailed.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ReleaseFailed slot. */
            slot: number;

            /** ReleaseFailed packId. */
            packId: string;

            /** ReleaseFailed commandId. */
            commandId: string;

            /** ReleaseFailed reason. */
            reason: string;

            /**
             * Creates a new ReleaseFailed instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReleaseFailed instance
             */
            static create(properties: fleet.v1.ReleaseFailed.$Shape): fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape;
            static create(properties?: fleet.v1.ReleaseFailed.$Properties): fleet.v1.ReleaseFailed;

            /**
             * Encodes the specified ReleaseFailed message. Does not implicitly {@link fleet.v1.ReleaseFailed.verify|verify} messages.
             * @param m ReleaseFailed message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.ReleaseFailed.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ReleaseFailed message, length delimited. Does not implicitly {@link fleet.v1.ReleaseFailed.verify|verify} messages.
             * @param message ReleaseFailed message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.ReleaseFailed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReleaseFailed message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape} ReleaseFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape;

            /**
             * Decodes a ReleaseFailed message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape} ReleaseFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.ReleaseFailed & fleet.v1.ReleaseFailed.$Shape;

            /**
             * Verifies a ReleaseFailed message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a ReleaseFailed message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ReleaseFailed
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.ReleaseFailed;

            /**
             * Creates a plain object from a ReleaseFailed message. Also converts values to other types if specified.
             * @param m ReleaseFailed
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.ReleaseFailed, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ReleaseFailed to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ReleaseFailed
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReleaseFailed {

            /** Properties of a ReleaseFailed. */
            interface $Properties {

                /** ReleaseFailed slot */
                slot?: (number|null);

                /** ReleaseFailed packId */
                packId?: (string|null);

                /** ReleaseFailed commandId */
                commandId?: (string|null);

                /** ReleaseFailed reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ReleaseFailed. */
            type $Shape = fleet.v1.ReleaseFailed.$Properties;
        }

        /**
         * Properties of a KioskFault.
         * @deprecated Use fleet.v1.KioskFault.$Properties instead.
         */
        interface IKioskFault extends fleet.v1.KioskFault.$Properties {
        }

        /** Represents a KioskFault. */
        class KioskFault {

            /**
             * Constructs a new KioskFault.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.KioskFault.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KioskFault slot. */
            slot?: (number|null);

            /** KioskFault faultCode. */
            faultCode: number;

            /** KioskFault detail. */
            detail: string;

            /**
             * Creates a new KioskFault instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KioskFault instance
             */
            static create(properties: fleet.v1.KioskFault.$Shape): fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape;
            static create(properties?: fleet.v1.KioskFault.$Properties): fleet.v1.KioskFault;

            /**
             * Encodes the specified KioskFault message. Does not implicitly {@link fleet.v1.KioskFault.verify|verify} messages.
             * @param m KioskFault message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.KioskFault.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified KioskFault message, length delimited. Does not implicitly {@link fleet.v1.KioskFault.verify|verify} messages.
             * @param message KioskFault message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.KioskFault.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KioskFault message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape} KioskFault
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape;

            /**
             * Decodes a KioskFault message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape} KioskFault
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.KioskFault & fleet.v1.KioskFault.$Shape;

            /**
             * Verifies a KioskFault message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a KioskFault message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns KioskFault
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.KioskFault;

            /**
             * Creates a plain object from a KioskFault message. Also converts values to other types if specified.
             * @param m KioskFault
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.KioskFault, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KioskFault to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for KioskFault
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace KioskFault {

            /** Properties of a KioskFault. */
            interface $Properties {

                /** KioskFault slot */
                slot?: (number|null);

                /** KioskFault faultCode */
                faultCode?: (number|null);

                /** KioskFault detail */
                detail?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a KioskFault. */
            type $Shape = fleet.v1.KioskFault.$Properties;
        }

        /**
         * Properties of a DoorChanged.
         * @deprecated Use fleet.v1.DoorChanged.$Properties instead.
         */
        interface IDoorChanged extends fleet.v1.DoorChanged.$Properties {
        }

        /** Represents a DoorChanged. */
        class DoorChanged {

            /**
             * Constructs a new DoorChanged.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.DoorChanged.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DoorChanged door. */
            door: fleet.v1.DoorState;

            /**
             * Creates a new DoorChanged instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DoorChanged instance
             */
            static create(properties: fleet.v1.DoorChanged.$Shape): fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape;
            static create(properties?: fleet.v1.DoorChanged.$Properties): fleet.v1.DoorChanged;

            /**
             * Encodes the specified DoorChanged message. Does not implicitly {@link fleet.v1.DoorChanged.verify|verify} messages.
             * @param m DoorChanged message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.DoorChanged.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DoorChanged message, length delimited. Does not implicitly {@link fleet.v1.DoorChanged.verify|verify} messages.
             * @param message DoorChanged message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.DoorChanged.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DoorChanged message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape} DoorChanged
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape;

            /**
             * Decodes a DoorChanged message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape} DoorChanged
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.DoorChanged & fleet.v1.DoorChanged.$Shape;

            /**
             * Verifies a DoorChanged message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a DoorChanged message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns DoorChanged
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.DoorChanged;

            /**
             * Creates a plain object from a DoorChanged message. Also converts values to other types if specified.
             * @param m DoorChanged
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.DoorChanged, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DoorChanged to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DoorChanged
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DoorChanged {

            /** Properties of a DoorChanged. */
            interface $Properties {

                /** DoorChanged door */
                door?: (fleet.v1.DoorState|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DoorChanged. */
            type $Shape = fleet.v1.DoorChanged.$Properties;
        }

        /**
         * Properties of a KioskEvent.
         * @deprecated Use fleet.v1.KioskEvent.$Properties instead.
         */
        interface IKioskEvent extends fleet.v1.KioskEvent.$Properties {
        }

        /** Represents a KioskEvent. */
        class KioskEvent {

            /**
             * Constructs a new KioskEvent.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.KioskEvent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KioskEvent header. */
            header?: (fleet.v1.Header.$Properties|null);

            /** KioskEvent packInserted. */
            packInserted?: (fleet.v1.PackInserted.$Properties|null);

            /** KioskEvent packReleased. */
            packReleased?: (fleet.v1.PackReleased.$Properties|null);

            /** KioskEvent releaseFailed. */
            releaseFailed?: (fleet.v1.ReleaseFailed.$Properties|null);

            /** KioskEvent fault. */
            fault?: (fleet.v1.KioskFault.$Properties|null);

            /** KioskEvent door. */
            door?: (fleet.v1.DoorChanged.$Properties|null);

            /** KioskEvent event. */
            event?: ("packInserted"|"packReleased"|"releaseFailed"|"fault"|"door");

            /**
             * Creates a new KioskEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KioskEvent instance
             */
            static create(properties: fleet.v1.KioskEvent.$Shape): fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape;
            static create(properties?: fleet.v1.KioskEvent.$Properties): fleet.v1.KioskEvent;

            /**
             * Encodes the specified KioskEvent message. Does not implicitly {@link fleet.v1.KioskEvent.verify|verify} messages.
             * @param m KioskEvent message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.KioskEvent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified KioskEvent message, length delimited. Does not implicitly {@link fleet.v1.KioskEvent.verify|verify} messages.
             * @param message KioskEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.KioskEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KioskEvent message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape} KioskEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape;

            /**
             * Decodes a KioskEvent message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape} KioskEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.KioskEvent & fleet.v1.KioskEvent.$Shape;

            /**
             * Verifies a KioskEvent message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a KioskEvent message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns KioskEvent
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.KioskEvent;

            /**
             * Creates a plain object from a KioskEvent message. Also converts values to other types if specified.
             * @param m KioskEvent
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.KioskEvent, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KioskEvent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for KioskEvent
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace KioskEvent {

            /** Properties of a KioskEvent. */
            interface $Properties {

                /** KioskEvent header */
                header?: (fleet.v1.Header.$Properties|null);

                /** KioskEvent packInserted */
                packInserted?: (fleet.v1.PackInserted.$Properties|null);

                /** KioskEvent packReleased */
                packReleased?: (fleet.v1.PackReleased.$Properties|null);

                /** KioskEvent releaseFailed */
                releaseFailed?: (fleet.v1.ReleaseFailed.$Properties|null);

                /** KioskEvent fault */
                fault?: (fleet.v1.KioskFault.$Properties|null);

                /** KioskEvent door */
                door?: (fleet.v1.DoorChanged.$Properties|null);

                /** KioskEvent event */
                event?: ("packInserted"|"packReleased"|"releaseFailed"|"fault"|"door");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a KioskEvent. */
            type $Shape = {
              header?: fleet.v1.Header.$Shape|null;
              packInserted?: fleet.v1.PackInserted.$Shape|null;
              packReleased?: fleet.v1.PackReleased.$Shape|null;
              releaseFailed?: fleet.v1.ReleaseFailed.$Shape|null;
              fault?: fleet.v1.KioskFault.$Shape|null;
              door?: fleet.v1.DoorChanged.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ event?: undefined; packInserted?: null; packReleased?: null; releaseFailed?: null; fault?: null; door?: null }|{ event?: "packInserted"; packInserted: fleet.v1.PackInserted.$Shape; packReleased?: null; releaseFailed?: null; fault?: null; door?: null }|{ event?: "packReleased"; packInserted?: null; packReleased: fleet.v1.PackReleased.$Shape; releaseFailed?: null; fault?: null; door?: null }|{ event?: "releaseFailed"; packInserted?: null; packReleased?: null; releaseFailed: fleet.v1.ReleaseFailed.$Shape; fault?: null; door?: null }|{ event?: "fault"; packInserted?: null; packReleased?: null; releaseFailed?: null; fault: fleet.v1.KioskFault.$Shape; door?: null }|{ event?: "door"; packInserted?: null; packReleased?: null; releaseFailed?: null; fault?: null; door: fleet.v1.DoorChanged.$Shape })
            );
        }

        /**
         * Properties of a Nudge.
         * @deprecated Use fleet.v1.Nudge.$Properties instead.
         */
        interface INudge extends fleet.v1.Nudge.$Properties {
        }

        /** Represents a Nudge. */
        class Nudge {

            /**
             * Constructs a new Nudge.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.Nudge.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Nudge nudgeId. */
            nudgeId: string;

            /** Nudge packId. */
            packId: string;

            /** Nudge packSocPct. */
            packSocPct: number;

            /** Nudge storeId. */
            storeId: string;

            /** Nudge storeName. */
            storeName: string;

            /** Nudge distanceM. */
            distanceM: number;

            /** Nudge chargedPacks. */
            chargedPacks: number;

            /** Nudge holdExpiresAtMs. */
            holdExpiresAtMs: (number|Long);

            /** Nudge text. */
            text: string;

            /** Nudge sentAtMs. */
            sentAtMs: (number|Long);

            /** Nudge reasons. */
            reasons: string[];

            /** Nudge kioskId. */
            kioskId: string;

            /**
             * Creates a new Nudge instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Nudge instance
             */
            static create(properties: fleet.v1.Nudge.$Shape): fleet.v1.Nudge & fleet.v1.Nudge.$Shape;
            static create(properties?: fleet.v1.Nudge.$Properties): fleet.v1.Nudge;

            /**
             * Encodes the specified Nudge message. Does not implicitly {@link fleet.v1.Nudge.verify|verify} messages.
             * @param m Nudge message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.Nudge.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Nudge message, length delimited. Does not implicitly {@link fleet.v1.Nudge.verify|verify} messages.
             * @param message Nudge message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.Nudge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Nudge message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.Nudge & fleet.v1.Nudge.$Shape} Nudge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.Nudge & fleet.v1.Nudge.$Shape;

            /**
             * Decodes a Nudge message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.Nudge & fleet.v1.Nudge.$Shape} Nudge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.Nudge & fleet.v1.Nudge.$Shape;

            /**
             * Verifies a Nudge message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Nudge message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Nudge
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.Nudge;

            /**
             * Creates a plain object from a Nudge message. Also converts values to other types if specified.
             * @param m Nudge
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.Nudge, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Nudge to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Nudge
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Nudge {

            /** Properties of a Nudge. */
            interface $Properties {

                /** Nudge nudgeId */
                nudgeId?: (string|null);

                /** Nudge packId */
                packId?: (string|null);

                /** Nudge packSocPct */
                packSocPct?: (number|null);

                /** Nudge storeId */
                storeId?: (string|null);

                /** Nudge storeName */
                storeName?: (string|null);

                /** Nudge distanceM */
                distanceM?: (number|null);

                /** Nudge chargedPacks */
                chargedPacks?: (number|null);

                /** Nudge holdExpiresAtMs */
                holdExpiresAtMs?: (number|Long|null);

                /** Nudge text */
                text?: (string|null);

                /** Nudge sentAtMs */
                sentAtMs?: (number|Long|null);

                /** Nudge reasons */
                reasons?: (string[]|null);

                /** Nudge kioskId */
                kioskId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Nudge. */
            type $Shape = fleet.v1.Nudge.$Properties;
        }

        /** PackState enum. */
        enum PackState {

            /** PACK_STATE_UNSPECIFIED value */
            PACK_STATE_UNSPECIFIED = 0,

            /** PACK_STATE_IDLE value */
            PACK_STATE_IDLE = 1,

            /** PACK_STATE_DISCHARGING value */
            PACK_STATE_DISCHARGING = 2,

            /** PACK_STATE_CHARGING value */
            PACK_STATE_CHARGING = 3,

            /** PACK_STATE_FULL value */
            PACK_STATE_FULL = 4,

            /** PACK_STATE_FAULT value */
            PACK_STATE_FAULT = 5,

            /** PACK_STATE_SLEEP value */
            PACK_STATE_SLEEP = 6
        }

        /** PackFaultBit enum. */
        enum PackFaultBit {

            /** PACK_FAULT_NONE value */
            PACK_FAULT_NONE = 0,

            /** PACK_FAULT_OVER_TEMP value */
            PACK_FAULT_OVER_TEMP = 1,

            /** PACK_FAULT_SWELLING value */
            PACK_FAULT_SWELLING = 2,

            /** PACK_FAULT_CELL_IMBALANCE value */
            PACK_FAULT_CELL_IMBALANCE = 4,

            /** PACK_FAULT_OVER_VOLTAGE value */
            PACK_FAULT_OVER_VOLTAGE = 8,

            /** PACK_FAULT_UNDER_VOLTAGE value */
            PACK_FAULT_UNDER_VOLTAGE = 16,

            /** PACK_FAULT_CHARGE_TIMEOUT value */
            PACK_FAULT_CHARGE_TIMEOUT = 32,

            /** PACK_FAULT_SENSOR value */
            PACK_FAULT_SENSOR = 64
        }

        /**
         * Properties of a PackTelemetry.
         * @deprecated Use fleet.v1.PackTelemetry.$Properties instead.
         */
        interface IPackTelemetry extends fleet.v1.PackTelemetry.$Properties {
        }

        /** Represents a PackTelemetry. */
        class PackTelemetry {

            /**
             * Constructs a new PackTelemetry.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.PackTelemetry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PackTelemetry header. */
            header?: (fleet.v1.Header.$Properties|null);

            /** PackTelemetry socPct. */
            socPct: number;

            /** PackTelemetry voltageMv. */
            voltageMv: number;

            /** PackTelemetry currentMa. */
            currentMa: number;

            /** PackTelemetry tempC. */
            tempC: number;

            /** PackTelemetry cycles. */
            cycles: number;

            /** PackTelemetry sohPct. */
            sohPct: number;

            /** PackTelemetry state. */
            state: fleet.v1.PackState;

            /** PackTelemetry faultFlags. */
            faultFlags: number;

            /** PackTelemetry location. */
            location?: (fleet.v1.Location.$Properties|null);

            /**
             * Creates a new PackTelemetry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PackTelemetry instance
             */
            static create(properties: fleet.v1.PackTelemetry.$Shape): fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape;
            static create(properties?: fleet.v1.PackTelemetry.$Properties): fleet.v1.PackTelemetry;

            /**
             * Encodes the specified PackTelemetry message. Does not implicitly {@link fleet.v1.PackTelemetry.verify|verify} messages.
             * @param m PackTelemetry message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.PackTelemetry.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PackTelemetry message, length delimited. Does not implicitly {@link fleet.v1.PackTelemetry.verify|verify} messages.
             * @param message PackTelemetry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.PackTelemetry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PackTelemetry message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape} PackTelemetry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape;

            /**
             * Decodes a PackTelemetry message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape} PackTelemetry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.PackTelemetry & fleet.v1.PackTelemetry.$Shape;

            /**
             * Verifies a PackTelemetry message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a PackTelemetry message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns PackTelemetry
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.PackTelemetry;

            /**
             * Creates a plain object from a PackTelemetry message. Also converts values to other types if specified.
             * @param m PackTelemetry
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.PackTelemetry, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PackTelemetry to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PackTelemetry
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PackTelemetry {

            /** Properties of a PackTelemetry. */
            interface $Properties {

                /** PackTelemetry header */
                header?: (fleet.v1.Header.$Properties|null);

                /** PackTelemetry socPct */
                socPct?: (number|null);

                /** PackTelemetry voltageMv */
                voltageMv?: (number|null);

                /** PackTelemetry currentMa */
                currentMa?: (number|null);

                /** PackTelemetry tempC */
                tempC?: (number|null);

                /** PackTelemetry cycles */
                cycles?: (number|null);

                /** PackTelemetry sohPct */
                sohPct?: (number|null);

                /** PackTelemetry state */
                state?: (fleet.v1.PackState|null);

                /** PackTelemetry faultFlags */
                faultFlags?: (number|null);

                /** PackTelemetry location */
                location?: (fleet.v1.Location.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PackTelemetry. */
            type $Shape = fleet.v1.PackTelemetry.$Properties;
        }

        /**
         * Properties of a SwapRequest.
         * @deprecated Use fleet.v1.SwapRequest.$Properties instead.
         */
        interface ISwapRequest extends fleet.v1.SwapRequest.$Properties {
        }

        /** Represents a SwapRequest. */
        class SwapRequest {

            /**
             * Constructs a new SwapRequest.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.SwapRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SwapRequest header. */
            header?: (fleet.v1.Header.$Properties|null);

            /** SwapRequest requestId. */
            requestId: string;

            /** SwapRequest customerToken. */
            customerToken: string;

            /** SwapRequest returnedPackId. */
            returnedPackId: string;

            /** SwapRequest returnedSlot. */
            returnedSlot?: (number|null);

            /**
             * Creates a new SwapRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SwapRequest instance
             */
            static create(properties: fleet.v1.SwapRequest.$Shape): fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape;
            static create(properties?: fleet.v1.SwapRequest.$Properties): fleet.v1.SwapRequest;

            /**
             * Encodes the specified SwapRequest message. Does not implicitly {@link fleet.v1.SwapRequest.verify|verify} messages.
             * @param m SwapRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.SwapRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SwapRequest message, length delimited. Does not implicitly {@link fleet.v1.SwapRequest.verify|verify} messages.
             * @param message SwapRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.SwapRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SwapRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape} SwapRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape;

            /**
             * Decodes a SwapRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape} SwapRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.SwapRequest & fleet.v1.SwapRequest.$Shape;

            /**
             * Verifies a SwapRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a SwapRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns SwapRequest
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.SwapRequest;

            /**
             * Creates a plain object from a SwapRequest message. Also converts values to other types if specified.
             * @param m SwapRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.SwapRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SwapRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SwapRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SwapRequest {

            /** Properties of a SwapRequest. */
            interface $Properties {

                /** SwapRequest header */
                header?: (fleet.v1.Header.$Properties|null);

                /** SwapRequest requestId */
                requestId?: (string|null);

                /** SwapRequest customerToken */
                customerToken?: (string|null);

                /** SwapRequest returnedPackId */
                returnedPackId?: (string|null);

                /** SwapRequest returnedSlot */
                returnedSlot?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SwapRequest. */
            type $Shape = fleet.v1.SwapRequest.$Properties;
        }

        /** SwapReason enum. */
        enum SwapReason {

            /** SWAP_REASON_UNSPECIFIED value */
            SWAP_REASON_UNSPECIFIED = 0,

            /** SWAP_REASON_CUSTOMER_UNKNOWN value */
            SWAP_REASON_CUSTOMER_UNKNOWN = 1,

            /** SWAP_REASON_CUSTOMER_SUSPENDED value */
            SWAP_REASON_CUSTOMER_SUSPENDED = 2,

            /** SWAP_REASON_NO_ACTIVE_PLAN value */
            SWAP_REASON_NO_ACTIVE_PLAN = 3,

            /** SWAP_REASON_FAIR_USE_EXCEEDED value */
            SWAP_REASON_FAIR_USE_EXCEEDED = 4,

            /** SWAP_REASON_PACK_NOT_IN_CUSTODY value */
            SWAP_REASON_PACK_NOT_IN_CUSTODY = 5,

            /** SWAP_REASON_PACK_REPORTED_LOST value */
            SWAP_REASON_PACK_REPORTED_LOST = 6,

            /** SWAP_REASON_KIOSK_OFFLINE value */
            SWAP_REASON_KIOSK_OFFLINE = 7,

            /** SWAP_REASON_KIOSK_FAULT value */
            SWAP_REASON_KIOSK_FAULT = 8,

            /** SWAP_REASON_NO_READY_PACK value */
            SWAP_REASON_NO_READY_PACK = 9,

            /** SWAP_REASON_RETURNED_PACK_RECALLED value */
            SWAP_REASON_RETURNED_PACK_RECALLED = 10,

            /** SWAP_REASON_RETURNED_PACK_UNSAFE value */
            SWAP_REASON_RETURNED_PACK_UNSAFE = 11,

            /** SWAP_REASON_BAD_REQUEST value */
            SWAP_REASON_BAD_REQUEST = 12,

            /** SWAP_REASON_KIOSK_NOT_REPORTED value */
            SWAP_REASON_KIOSK_NOT_REPORTED = 13,

            /** SWAP_REASON_PACK_LIMIT_REACHED value */
            SWAP_REASON_PACK_LIMIT_REACHED = 14,

            /** SWAP_REASON_KIOSK_THROTTLED value */
            SWAP_REASON_KIOSK_THROTTLED = 15
        }

        /**
         * Properties of a SwapDecision.
         * @deprecated Use fleet.v1.SwapDecision.$Properties instead.
         */
        interface ISwapDecision extends fleet.v1.SwapDecision.$Properties {
        }

        /** Represents a SwapDecision. */
        class SwapDecision {

            /**
             * Constructs a new SwapDecision.
             * @param [p] Properties to set
             */
            constructor(p?: fleet.v1.SwapDecision.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SwapDecision requestId. */
            requestId: string;

            /** SwapDecision allowed. */
            allowed: boolean;

            /** SwapDecision reasons. */
            reasons: fleet.v1.SwapReason[];

            /** SwapDecision slot. */
            slot: number;

            /** SwapDecision packId. */
            packId: string;

            /** SwapDecision commandId. */
            commandId: string;

            /** SwapDecision expiresAtMs. */
            expiresAtMs: (number|Long);

            /** SwapDecision message. */
            message: string;

            /** SwapDecision decidedAtMs. */
            decidedAtMs: (number|Long);

            /**
             * Creates a new SwapDecision instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SwapDecision instance
             */
            static create(properties: fleet.v1.SwapDecision.$Shape): fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape;
            static create(properties?: fleet.v1.SwapDecision.$Properties): fleet.v1.SwapDecision;

            /**
             * Encodes the specified SwapDecision message. Does not implicitly {@link fleet.v1.SwapDecision.verify|verify} messages.
             * @param m SwapDecision message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: fleet.v1.SwapDecision.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SwapDecision message, length delimited. Does not implicitly {@link fleet.v1.SwapDecision.verify|verify} messages.
             * @param message SwapDecision message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: fleet.v1.SwapDecision.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SwapDecision message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape} SwapDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape;

            /**
             * Decodes a SwapDecision message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape} SwapDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): fleet.v1.SwapDecision & fleet.v1.SwapDecision.$Shape;

            /**
             * Verifies a SwapDecision message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a SwapDecision message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns SwapDecision
             */
            static fromObject(d: { [k: string]: any }): fleet.v1.SwapDecision;

            /**
             * Creates a plain object from a SwapDecision message. Also converts values to other types if specified.
             * @param m SwapDecision
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: fleet.v1.SwapDecision, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SwapDecision to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SwapDecision
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SwapDecision {

            /** Properties of a SwapDecision. */
            interface $Properties {

                /** SwapDecision requestId */
                requestId?: (string|null);

                /** SwapDecision allowed */
                allowed?: (boolean|null);

                /** SwapDecision reasons */
                reasons?: (fleet.v1.SwapReason[]|null);

                /** SwapDecision slot */
                slot?: (number|null);

                /** SwapDecision packId */
                packId?: (string|null);

                /** SwapDecision commandId */
                commandId?: (string|null);

                /** SwapDecision expiresAtMs */
                expiresAtMs?: (number|Long|null);

                /** SwapDecision message */
                message?: (string|null);

                /** SwapDecision decidedAtMs */
                decidedAtMs?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SwapDecision. */
            type $Shape = fleet.v1.SwapDecision.$Properties;
        }
    }
}
