/**
 * Generated from the OpenAPI document by tools/openapi-client/generate.ts (npm run generate:api-client).
 * Do not edit by hand: change the route's schemas and regenerate.
 */
export type paths = {
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number;
                            refresh_token: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                avatar_url: string | null;
                                bio: string;
                                created_at: string;
                                display_name: string;
                                id: string;
                                is_private: boolean;
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh_token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number;
                            refresh_token: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                avatar_url: string | null;
                                bio: string;
                                created_at: string;
                                display_name: string;
                                id: string;
                                is_private: boolean;
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string;
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number;
                            refresh_token: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                avatar_url: string | null;
                                bio: string;
                                created_at: string;
                                display_name: string;
                                id: string;
                                is_private: boolean;
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/comments/{id}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            like_count: number;
                            liked: boolean;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            like_count: number;
                            liked: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/comments/{id}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comments: {
                                content: string;
                                created_at: string;
                                id: string;
                                like_count: number;
                                mentions: string[];
                                parent_id: string | null;
                                reply_count: number;
                                user: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                video_id: string;
                                /** @description Whether the signed-in viewer liked it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                };
                            }[];
                            cursor: string | null;
                            has_more: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: {
                                created_at: string;
                                id: string;
                                kind: "direct" | "group";
                                last_message: {
                                    conversation_id: string;
                                    created_at: string;
                                    id: string;
                                    /** @description Other members who have read up to this message. */
                                    read_by: string[];
                                    sender: {
                                        avatar_url: string | null;
                                        display_name: string;
                                        id: string;
                                        username: string;
                                    };
                                    text: string | null;
                                    /** @description The shared video as GET /v1/videos/{id} shows it to you, or null. */
                                    video: {
                                        allow_download: boolean;
                                        author: {
                                            avatar_url: string | null;
                                            display_name: string;
                                            id: string;
                                            username: string;
                                        };
                                        caption: string;
                                        created_at: string;
                                        /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                        download_url: string | null;
                                        duration_ms: number | null;
                                        error: {
                                            code: string;
                                            message: string;
                                        } | null;
                                        hashtags: string[];
                                        height: number | null;
                                        id: string;
                                        playback_urls: {
                                            hls: string;
                                        } | null;
                                        progress: number;
                                        /** @description When others may see it (a scheduled video is ready before); null until known. */
                                        publish_at: string | null;
                                        sound: {
                                            id: string;
                                            title: string;
                                        } | null;
                                        stats: {
                                            comments: number;
                                            likes: number;
                                            saves: number;
                                            shares: number;
                                            views: number;
                                        };
                                        status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                        thumbnails: {
                                            poster: string;
                                            /** @description A few seconds as an animated WebP, ~240 px wide. */
                                            preview: string | null;
                                            /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                            sprite_vtt: string | null;
                                        } | null;
                                        /** @description What the signed-in viewer did to it; absent for visitors. */
                                        viewer?: {
                                            liked: boolean;
                                            saved: boolean;
                                        };
                                        visibility: "public" | "friends" | "private";
                                        width: number | null;
                                    } | null;
                                    video_id: string | null;
                                } | null;
                                members: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                }[];
                                title: string | null;
                                unread_count: number;
                                updated_at: string;
                            }[];
                            cursor: string | null;
                            has_more: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        member_usernames: string[];
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            id: string;
                            kind: "direct" | "group";
                            last_message: {
                                conversation_id: string;
                                created_at: string;
                                id: string;
                                /** @description Other members who have read up to this message. */
                                read_by: string[];
                                sender: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                text: string | null;
                                /** @description The shared video as GET /v1/videos/{id} shows it to you, or null. */
                                video: {
                                    allow_download: boolean;
                                    author: {
                                        avatar_url: string | null;
                                        display_name: string;
                                        id: string;
                                        username: string;
                                    };
                                    caption: string;
                                    created_at: string;
                                    /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                    download_url: string | null;
                                    duration_ms: number | null;
                                    error: {
                                        code: string;
                                        message: string;
                                    } | null;
                                    hashtags: string[];
                                    height: number | null;
                                    id: string;
                                    playback_urls: {
                                        hls: string;
                                    } | null;
                                    progress: number;
                                    /** @description When others may see it (a scheduled video is ready before); null until known. */
                                    publish_at: string | null;
                                    sound: {
                                        id: string;
                                        title: string;
                                    } | null;
                                    stats: {
                                        comments: number;
                                        likes: number;
                                        saves: number;
                                        shares: number;
                                        views: number;
                                    };
                                    status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                    thumbnails: {
                                        poster: string;
                                        /** @description A few seconds as an animated WebP, ~240 px wide. */
                                        preview: string | null;
                                        /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                        sprite_vtt: string | null;
                                    } | null;
                                    /** @description What the signed-in viewer did to it; absent for visitors. */
                                    viewer?: {
                                        liked: boolean;
                                        saved: boolean;
                                    };
                                    visibility: "public" | "friends" | "private";
                                    width: number | null;
                                } | null;
                                video_id: string | null;
                            } | null;
                            members: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            }[];
                            title: string | null;
                            unread_count: number;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            id: string;
                            kind: "direct" | "group";
                            last_message: {
                                conversation_id: string;
                                created_at: string;
                                id: string;
                                /** @description Other members who have read up to this message. */
                                read_by: string[];
                                sender: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                text: string | null;
                                /** @description The shared video as GET /v1/videos/{id} shows it to you, or null. */
                                video: {
                                    allow_download: boolean;
                                    author: {
                                        avatar_url: string | null;
                                        display_name: string;
                                        id: string;
                                        username: string;
                                    };
                                    caption: string;
                                    created_at: string;
                                    /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                    download_url: string | null;
                                    duration_ms: number | null;
                                    error: {
                                        code: string;
                                        message: string;
                                    } | null;
                                    hashtags: string[];
                                    height: number | null;
                                    id: string;
                                    playback_urls: {
                                        hls: string;
                                    } | null;
                                    progress: number;
                                    /** @description When others may see it (a scheduled video is ready before); null until known. */
                                    publish_at: string | null;
                                    sound: {
                                        id: string;
                                        title: string;
                                    } | null;
                                    stats: {
                                        comments: number;
                                        likes: number;
                                        saves: number;
                                        shares: number;
                                        views: number;
                                    };
                                    status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                    thumbnails: {
                                        poster: string;
                                        /** @description A few seconds as an animated WebP, ~240 px wide. */
                                        preview: string | null;
                                        /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                        sprite_vtt: string | null;
                                    } | null;
                                    /** @description What the signed-in viewer did to it; absent for visitors. */
                                    viewer?: {
                                        liked: boolean;
                                        saved: boolean;
                                    };
                                    visibility: "public" | "friends" | "private";
                                    width: number | null;
                                } | null;
                                video_id: string | null;
                            } | null;
                            members: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            }[];
                            title: string | null;
                            unread_count: number;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            id: string;
                            kind: "direct" | "group";
                            last_message: {
                                conversation_id: string;
                                created_at: string;
                                id: string;
                                /** @description Other members who have read up to this message. */
                                read_by: string[];
                                sender: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                text: string | null;
                                /** @description The shared video as GET /v1/videos/{id} shows it to you, or null. */
                                video: {
                                    allow_download: boolean;
                                    author: {
                                        avatar_url: string | null;
                                        display_name: string;
                                        id: string;
                                        username: string;
                                    };
                                    caption: string;
                                    created_at: string;
                                    /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                    download_url: string | null;
                                    duration_ms: number | null;
                                    error: {
                                        code: string;
                                        message: string;
                                    } | null;
                                    hashtags: string[];
                                    height: number | null;
                                    id: string;
                                    playback_urls: {
                                        hls: string;
                                    } | null;
                                    progress: number;
                                    /** @description When others may see it (a scheduled video is ready before); null until known. */
                                    publish_at: string | null;
                                    sound: {
                                        id: string;
                                        title: string;
                                    } | null;
                                    stats: {
                                        comments: number;
                                        likes: number;
                                        saves: number;
                                        shares: number;
                                        views: number;
                                    };
                                    status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                    thumbnails: {
                                        poster: string;
                                        /** @description A few seconds as an animated WebP, ~240 px wide. */
                                        preview: string | null;
                                        /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                        sprite_vtt: string | null;
                                    } | null;
                                    /** @description What the signed-in viewer did to it; absent for visitors. */
                                    viewer?: {
                                        liked: boolean;
                                        saved: boolean;
                                    };
                                    visibility: "public" | "friends" | "private";
                                    width: number | null;
                                } | null;
                                video_id: string | null;
                            } | null;
                            members: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            }[];
                            title: string | null;
                            unread_count: number;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            messages: {
                                conversation_id: string;
                                created_at: string;
                                id: string;
                                /** @description Other members who have read up to this message. */
                                read_by: string[];
                                sender: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                text: string | null;
                                /** @description The shared video as GET /v1/videos/{id} shows it to you, or null. */
                                video: {
                                    allow_download: boolean;
                                    author: {
                                        avatar_url: string | null;
                                        display_name: string;
                                        id: string;
                                        username: string;
                                    };
                                    caption: string;
                                    created_at: string;
                                    /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                    download_url: string | null;
                                    duration_ms: number | null;
                                    error: {
                                        code: string;
                                        message: string;
                                    } | null;
                                    hashtags: string[];
                                    height: number | null;
                                    id: string;
                                    playback_urls: {
                                        hls: string;
                                    } | null;
                                    progress: number;
                                    /** @description When others may see it (a scheduled video is ready before); null until known. */
                                    publish_at: string | null;
                                    sound: {
                                        id: string;
                                        title: string;
                                    } | null;
                                    stats: {
                                        comments: number;
                                        likes: number;
                                        saves: number;
                                        shares: number;
                                        views: number;
                                    };
                                    status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                    thumbnails: {
                                        poster: string;
                                        /** @description A few seconds as an animated WebP, ~240 px wide. */
                                        preview: string | null;
                                        /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                        sprite_vtt: string | null;
                                    } | null;
                                    /** @description What the signed-in viewer did to it; absent for visitors. */
                                    viewer?: {
                                        liked: boolean;
                                        saved: boolean;
                                    };
                                    visibility: "public" | "friends" | "private";
                                    width: number | null;
                                } | null;
                                video_id: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text?: string;
                        /** Format: uuid */
                        video_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation_id: string;
                            created_at: string;
                            id: string;
                            /** @description Other members who have read up to this message. */
                            read_by: string[];
                            sender: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            };
                            text: string | null;
                            /** @description The shared video as GET /v1/videos/{id} shows it to you, or null. */
                            video: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            } | null;
                            video_id: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        message_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread_count: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feed/following": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            prefetch_hints: {
                                hls: string;
                                poster: string | null;
                                video_id: string;
                            }[];
                            videos: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feed/fyp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                    mode?: "personalized" | "latest";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            mode: "personalized" | "latest";
                            prefetch_hints: {
                                hls: string;
                                poster: string | null;
                                video_id: string;
                            }[];
                            videos: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                recommendation_reason: string;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feed/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: the For You feed is the newest videos for everyone, not ranked from the viewer's activity. */
                            personalized_feed: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description false: the For You feed is the newest videos for everyone, not ranked from the viewer's activity. */
                        personalized_feed: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: the For You feed is the newest videos for everyone, not ranked from the viewer's activity. */
                            personalized_feed: boolean;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/gifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gifts: {
                                animation: string;
                                coins: number;
                                id: string;
                                name: string;
                            }[];
                            /** @default 99 */
                            max_quantity: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hashtags/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            name: string;
                            video_count: number;
                            videos: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            }[];
                            view_count: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            streams: {
                                created_at: string;
                                ended_at: string | null;
                                host: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                } | null;
                                id: string;
                                /** @description The HLS master playlist; null until the stream goes live. */
                                playback_url: string | null;
                                /** @description The video the replay became (processing until ready); null without a replay or until it ended. */
                                replay_video_id: string | null;
                                share_url: string;
                                started_at: string | null;
                                /** @description Recorded when the stream ended; null before. */
                                stats: {
                                    /** @description Sent, deleted ones included. */
                                    chat_messages: number;
                                    /** @description Coins the gifts cost. */
                                    coins: number;
                                    duration_seconds: number;
                                    /** @description Gifts received, each of a quantity counted. */
                                    gifts: number;
                                    peak_viewers: number;
                                    /** @description Accounts that joined the room, the host not counted. */
                                    unique_viewers: number;
                                } | null;
                                status: "idle" | "live" | "ended";
                                title: string;
                                /** @description From live presence across nodes (accounts in the stream room, the host not counted); now is 0 unless live. */
                                viewers: {
                                    now: number;
                                    peak: number;
                                };
                                visibility: "public" | "friends" | "private";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            ended_at: string | null;
                            host: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            } | null;
                            id: string;
                            /** @description The HLS master playlist; null until the stream goes live. */
                            playback_url: string | null;
                            /** @description The video the replay became (processing until ready); null without a replay or until it ended. */
                            replay_video_id: string | null;
                            share_url: string;
                            started_at: string | null;
                            /** @description Recorded when the stream ended; null before. */
                            stats: {
                                /** @description Sent, deleted ones included. */
                                chat_messages: number;
                                /** @description Coins the gifts cost. */
                                coins: number;
                                duration_seconds: number;
                                /** @description Gifts received, each of a quantity counted. */
                                gifts: number;
                                peak_viewers: number;
                                /** @description Accounts that joined the room, the host not counted. */
                                unique_viewers: number;
                            } | null;
                            status: "idle" | "live" | "ended";
                            title: string;
                            /** @description From live presence across nodes (accounts in the stream room, the host not counted); now is 0 unless live. */
                            viewers: {
                                now: number;
                                peak: number;
                            };
                            visibility: "public" | "friends" | "private";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/{id}/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                created_at: string;
                                id: string;
                                text: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: {
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                created_at: string;
                                id: string;
                                text: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/{id}/chat/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            ended_at: string | null;
                            host: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            } | null;
                            id: string;
                            /** @description The HLS master playlist; null until the stream goes live. */
                            playback_url: string | null;
                            /** @description The video the replay became (processing until ready); null without a replay or until it ended. */
                            replay_video_id: string | null;
                            share_url: string;
                            started_at: string | null;
                            /** @description Recorded when the stream ended; null before. */
                            stats: {
                                /** @description Sent, deleted ones included. */
                                chat_messages: number;
                                /** @description Coins the gifts cost. */
                                coins: number;
                                duration_seconds: number;
                                /** @description Gifts received, each of a quantity counted. */
                                gifts: number;
                                peak_viewers: number;
                                /** @description Accounts that joined the room, the host not counted. */
                                unique_viewers: number;
                            } | null;
                            status: "idle" | "live" | "ended";
                            title: string;
                            /** @description From live presence across nodes (accounts in the stream room, the host not counted); now is 0 unless live. */
                            viewers: {
                                now: number;
                                peak: number;
                            };
                            visibility: "public" | "friends" | "private";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/{id}/gifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        gift_id: string;
                        /** @description Chosen by the client, unique per request it means once: a retry with the same key moves money once. */
                        idempotency_key: string;
                        quantity?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Your coins afterwards. */
                            balance: number;
                            coins_spent: number;
                            diamonds_earned: number;
                            gift_id: string;
                            quantity: number;
                            /** @description This idempotency key was used before: nothing was charged again. */
                            replayed: boolean;
                            transaction_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/{id}/moderation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action: "mute" | "unmute" | "ban" | "unban" | "add_moderator" | "remove_moderator";
                        /** Format: uuid */
                        user_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/{id}/slow-mode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A viewer may write one message this often; 0 turns slow mode off. */
                        seconds: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A viewer may write one message this often; 0 turns slow mode off. */
                            seconds: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Keep a replay: when the stream ends it becomes your video (default false). */
                        replay?: boolean;
                        title: string;
                        visibility?: "public" | "friends" | "private";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The key must go live before this time. */
                            expires_at: string;
                            /** @description The server URL for OBS (Settings → Stream → Custom); null when no node takes RTMP. */
                            rtmp_url: string | null;
                            share_url: string;
                            stream_id: string;
                            /** @description Secret, shown once: works for this stream only, until it ends or expires. */
                            stream_key: string;
                            /** @description Browser ingest: the WebSocket (ws:// or wss://) a browser sends MediaRecorder chunks to; null when no node takes ingest. */
                            whip_or_ws_url: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            notifications: {
                                actor_count: number;
                                /** @description The most recent few actors, newest first. */
                                actors: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                }[];
                                comment_id: string | null;
                                created_at: string;
                                id: string;
                                /** @description The sentence to show, e.g. "ann and 12 others liked your video". */
                                message: string;
                                read: boolean;
                                /** @description The live stream a `live` notification opens. */
                                stream_id: string | null;
                                text: string | null;
                                /** @enum {unknown} */
                                type: "follow" | "follow_request" | "like" | "comment" | "comment_reply" | "mention" | "live";
                                updated_at: string;
                                video_id: string | null;
                            }[];
                            unread_count: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comments: boolean;
                            follows: boolean;
                            likes: boolean;
                            /** @description Someone you follow went live. */
                            live: boolean;
                            mentions: boolean;
                            /** @description Web Push of direct messages. */
                            messages: boolean;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comments?: boolean;
                        follows?: boolean;
                        likes?: boolean;
                        /** @description Someone you follow went live. */
                        live?: boolean;
                        mentions?: boolean;
                        /** @description Web Push of direct messages. */
                        messages?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comments: boolean;
                            follows: boolean;
                            likes: boolean;
                            /** @description Someone you follow went live. */
                            live: boolean;
                            mentions: boolean;
                            /** @description Web Push of direct messages. */
                            messages: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        up_to_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread_count: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread_count: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                        expirationTime?: number | null;
                        keys: {
                            auth: string;
                            p256dh: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endpoint: string;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/push/vapid-public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            public_key: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                    query?: string;
                    type?: "all" | "videos" | "users" | "sounds" | "hashtags";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            hashtags?: {
                                name: string;
                                video_count: number;
                                view_count: number;
                            }[];
                            query: string;
                            sounds?: {
                                /** @description The owner's username. */
                                artist: string;
                                duration_ms: number | null;
                                id: string;
                                owner_id: string | null;
                                title: string;
                                video_count: number;
                            }[];
                            type: "all" | "videos" | "users" | "sounds" | "hashtags";
                            users?: {
                                avatar_url: string | null;
                                bio: string;
                                created_at: string;
                                display_name: string;
                                id: string;
                                is_private: boolean;
                                username: string;
                            }[];
                            videos?: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    query?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            query: string;
                            suggestions: {
                                /** @description The hashtag's name, the account's or the sound's id. */
                                id: string;
                                /** @description What to show and complete to: a hashtag's name (without `#`), a username, a sound's title. */
                                text: string;
                                type: "hashtag" | "user" | "sound";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sounds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audio_url: string;
                            created_at: string;
                            duration_ms: number;
                            id: string;
                            owner: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            };
                            source_video_id: string | null;
                            title: string;
                            video_count: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sounds/{id}/videos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            sound_id: string;
                            video_count: number;
                            videos: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    type?: "hashtags" | "sounds" | "videos";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            computed_at: string;
                            items: {
                                counts: {
                                    last_1h: number;
                                    last_15m: number;
                                    last_24h: number;
                                };
                                hashtag?: {
                                    name: string;
                                    video_count: number;
                                    view_count: number;
                                };
                                score: number;
                                sound?: {
                                    /** @description The owner's username. */
                                    artist: string;
                                    duration_ms: number | null;
                                    id: string;
                                    owner_id: string | null;
                                    title: string;
                                    video_count: number;
                                };
                                video?: {
                                    allow_download: boolean;
                                    author: {
                                        avatar_url: string | null;
                                        display_name: string;
                                        id: string;
                                        username: string;
                                    };
                                    caption: string;
                                    created_at: string;
                                    /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                    download_url: string | null;
                                    duration_ms: number | null;
                                    error: {
                                        code: string;
                                        message: string;
                                    } | null;
                                    hashtags: string[];
                                    height: number | null;
                                    id: string;
                                    playback_urls: {
                                        hls: string;
                                    } | null;
                                    progress: number;
                                    /** @description When others may see it (a scheduled video is ready before); null until known. */
                                    publish_at: string | null;
                                    sound: {
                                        id: string;
                                        title: string;
                                    } | null;
                                    stats: {
                                        comments: number;
                                        likes: number;
                                        saves: number;
                                        shares: number;
                                        views: number;
                                    };
                                    status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                    thumbnails: {
                                        poster: string;
                                        /** @description A few seconds as an animated WebP, ~240 px wide. */
                                        preview: string | null;
                                        /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                        sprite_vtt: string | null;
                                    } | null;
                                    /** @description What the signed-in viewer did to it; absent for visitors. */
                                    viewer?: {
                                        liked: boolean;
                                        saved: boolean;
                                    };
                                    visibility: "public" | "friends" | "private";
                                    width: number | null;
                                };
                            }[];
                            type: "hashtags" | "sounds" | "videos";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** tus 1.0: offset (HEAD), append (PATCH), cancel (DELETE) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        /** tus 1.0: offset (HEAD), append (PATCH), cancel (DELETE) */
        head: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** tus 1.0: offset (HEAD), append (PATCH), cancel (DELETE) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            avatar_url: string | null;
                            bio: string;
                            created_at: string;
                            display_name: string;
                            id: string;
                            is_private: boolean;
                            username: string;
                        } & {
                            relationship?: {
                                /** @description The viewer blocked this account. */
                                blocked: boolean;
                                followed_by: boolean;
                                following: boolean;
                                /** @description Mutual following. */
                                friends: boolean;
                                requested: boolean;
                            };
                            stats?: {
                                followers: number;
                                following: number;
                                /** @description Likes received over all the account's videos. */
                                likes: number;
                                /** @description Videos of the account the viewer can see. */
                                videos: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{username}/block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blocked: boolean;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blocked: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{username}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            following: boolean;
                            /** @description A follow request to a private account waits for its owner. */
                            requested: boolean;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            following: boolean;
                            /** @description A follow request to a private account waits for its owner. */
                            requested: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{username}/followers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            users: {
                                avatar_url: string | null;
                                bio: string;
                                created_at: string;
                                display_name: string;
                                id: string;
                                is_private: boolean;
                                username: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{username}/following": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            users: {
                                avatar_url: string | null;
                                bio: string;
                                created_at: string;
                                display_name: string;
                                id: string;
                                is_private: boolean;
                                username: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{username}/videos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            videos: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            avatar_url: string | null;
                            bio: string;
                            created_at: string;
                            display_name: string;
                            id: string;
                            is_private: boolean;
                            username: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bio?: string;
                        display_name?: string;
                        is_private?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            avatar_url: string | null;
                            bio: string;
                            created_at: string;
                            display_name: string;
                            id: string;
                            is_private: boolean;
                            username: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users/me/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description multipart/form-data with one file field "avatar": a JPEG, PNG or WebP of at most 5 MB. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            avatar_url: string | null;
                            bio: string;
                            created_at: string;
                            display_name: string;
                            id: string;
                            is_private: boolean;
                            username: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            avatar_url: string | null;
                            bio: string;
                            created_at: string;
                            display_name: string;
                            id: string;
                            is_private: boolean;
                            username: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/blocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            users: {
                                avatar_url: string | null;
                                bio: string;
                                created_at: string;
                                display_name: string;
                                id: string;
                                is_private: boolean;
                                username: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/follow-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            requests: {
                                requested_at: string;
                                user: {
                                    avatar_url: string | null;
                                    bio: string;
                                    created_at: string;
                                    display_name: string;
                                    id: string;
                                    is_private: boolean;
                                    username: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/follow-requests/{username}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/follow-requests/{username}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/saved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            has_more: boolean;
                            videos: {
                                allow_download: boolean;
                                author: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                caption: string;
                                created_at: string;
                                /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                                download_url: string | null;
                                duration_ms: number | null;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                                hashtags: string[];
                                height: number | null;
                                id: string;
                                playback_urls: {
                                    hls: string;
                                } | null;
                                progress: number;
                                /** @description When others may see it (a scheduled video is ready before); null until known. */
                                publish_at: string | null;
                                sound: {
                                    id: string;
                                    title: string;
                                } | null;
                                stats: {
                                    comments: number;
                                    likes: number;
                                    saves: number;
                                    shares: number;
                                    views: number;
                                };
                                status: "uploading" | "processing" | "ready" | "failed" | "removed";
                                thumbnails: {
                                    poster: string;
                                    /** @description A few seconds as an animated WebP, ~240 px wide. */
                                    preview: string | null;
                                    /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                    sprite_vtt: string | null;
                                } | null;
                                /** @description What the signed-in viewer did to it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                    saved: boolean;
                                };
                                visibility: "public" | "friends" | "private";
                                width: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/security-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                /** @description The client address it came from, when known. */
                                address: string | null;
                                created_at: string;
                                failed_attempts: number | null;
                                id: string;
                                locked_until: string | null;
                                /** @description The sentence to show. */
                                message: string;
                                /** @enum {string} */
                                type: "login_locked";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        caption?: string;
                        filename?: string;
                        hashtags?: string[] | string;
                        size: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            estimated_processing_time_seconds: number;
                            /** @enum {string} */
                            status: "processing";
                            /** @enum {object|null} */
                            upload_url: never | null;
                            video_id: string;
                        } | {
                            estimated_processing_time_seconds: number;
                            /** @enum {string} */
                            status: "uploading";
                            upload_expires_at: string;
                            upload_url: string;
                            video_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allow_download: boolean;
                            author: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            };
                            caption: string;
                            created_at: string;
                            /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                            download_url: string | null;
                            duration_ms: number | null;
                            error: {
                                code: string;
                                message: string;
                            } | null;
                            hashtags: string[];
                            height: number | null;
                            id: string;
                            playback_urls: {
                                hls: string;
                            } | null;
                            progress: number;
                            /** @description When others may see it (a scheduled video is ready before); null until known. */
                            publish_at: string | null;
                            sound: {
                                id: string;
                                title: string;
                            } | null;
                            stats: {
                                comments: number;
                                likes: number;
                                saves: number;
                                shares: number;
                                views: number;
                            };
                            status: "uploading" | "processing" | "ready" | "failed" | "removed";
                            thumbnails: {
                                poster: string;
                                /** @description A few seconds as an animated WebP, ~240 px wide. */
                                preview: string | null;
                                /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                sprite_vtt: string | null;
                            } | null;
                            /** @description What the signed-in viewer did to it; absent for visitors. */
                            viewer?: {
                                liked: boolean;
                                saved: boolean;
                            };
                            visibility: "public" | "friends" | "private";
                            width: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        caption?: string;
                        visibility?: "public" | "friends" | "private";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allow_download: boolean;
                            author: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            };
                            caption: string;
                            created_at: string;
                            /** @description A progressive MP4 (720p or less) when the author allows downloads. */
                            download_url: string | null;
                            duration_ms: number | null;
                            error: {
                                code: string;
                                message: string;
                            } | null;
                            hashtags: string[];
                            height: number | null;
                            id: string;
                            playback_urls: {
                                hls: string;
                            } | null;
                            progress: number;
                            /** @description When others may see it (a scheduled video is ready before); null until known. */
                            publish_at: string | null;
                            sound: {
                                id: string;
                                title: string;
                            } | null;
                            stats: {
                                comments: number;
                                likes: number;
                                saves: number;
                                shares: number;
                                views: number;
                            };
                            status: "uploading" | "processing" | "ready" | "failed" | "removed";
                            thumbnails: {
                                poster: string;
                                /** @description A few seconds as an animated WebP, ~240 px wide. */
                                preview: string | null;
                                /** @description WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments). */
                                sprite_vtt: string | null;
                            } | null;
                            /** @description What the signed-in viewer did to it; absent for visitors. */
                            viewer?: {
                                liked: boolean;
                                saved: boolean;
                            };
                            visibility: "public" | "friends" | "private";
                            width: number | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/videos/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comments: {
                                content: string;
                                created_at: string;
                                id: string;
                                like_count: number;
                                mentions: string[];
                                parent_id: string | null;
                                reply_count: number;
                                user: {
                                    avatar_url: string | null;
                                    display_name: string;
                                    id: string;
                                    username: string;
                                };
                                video_id: string;
                                /** @description Whether the signed-in viewer liked it; absent for visitors. */
                                viewer?: {
                                    liked: boolean;
                                };
                            }[];
                            cursor: string | null;
                            has_more: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        content: string;
                        /** Format: uuid */
                        parent_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            content: string;
                            created_at: string;
                            id: string;
                            like_count: number;
                            mentions: string[];
                            parent_id: string | null;
                            reply_count: number;
                            user: {
                                avatar_url: string | null;
                                display_name: string;
                                id: string;
                                username: string;
                            };
                            video_id: string;
                            /** @description Whether the signed-in viewer liked it; absent for visitors. */
                            viewer?: {
                                liked: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Found: the video's progressive MP4 is at the Location header. */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos/{id}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            like_count: number;
                            liked: boolean;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            like_count: number;
                            liked: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos/{id}/save": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            save_count: number;
                            saved: boolean;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            save_count: number;
                            saved: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos/{id}/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default link */
                        channel?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            share_count: number;
                            share_url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos/{id}/view": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        completion_rate: number;
                        /** @default 0 */
                        replay_count: number;
                        /** @default unknown */
                        source: string;
                        watch_time_ms: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Bought with money, spent on gifts. */
                            coins: number;
                            /** @description Earned from gifts received. */
                            diamonds: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    count?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: string | null;
                            entries: {
                                /** @description Signed: negative when it left the account. */
                                amount: number;
                                balance_after: number;
                                created_at: string;
                                currency: "coins" | "diamonds";
                                gift_id: string | null;
                                id: string;
                                quantity: number | null;
                                transaction_id: string;
                                type: "purchase" | "gift_sent" | "gift_received";
                            }[];
                            has_more: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            packages: {
                                coins: number;
                                currency: string;
                                id: string;
                                price_cents: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Chosen by the client, unique per request it means once: a retry with the same key moves money once. */
                        idempotency_key: string;
                        package_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Your coins afterwards. */
                            balance: number;
                            coins: number;
                            package_id: string;
                            purchase_id: string;
                            status: "pending" | "settled" | "failed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
